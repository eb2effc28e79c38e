# The demo's co-production records are measured against the Real Living Wage, so these tests need the rates that
# the coproduction tests put back after a browser test has emptied the tables.
from tests.coproduction.conftest import _living_wage_rates  # noqa: F401 - an autouse fixture, registered here too
