-- Every request asks for an address not asked for before, so no kept page can answer it: what a page costs when
-- it is built afresh, as a new search is. benchmarks/pages.py passes the address with "{n}" where a number goes.
-- wrk runs this from the repository's root; the percentiles are printed as for every other page.
dofile("benchmarks/percentiles.lua")

local threads = 0
local address
local counter = 0

-- Each thread gets a number of its own (a global in its own Lua state), so no two threads ask for one address.
setup = function(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

init = function(args)
  address = args[1]
end

request = function()
  counter = counter + 1
  local n = tostring(thread_number * 10000000 + counter)
  return wrk.format(nil, (address:gsub("{n}", n)))
end
