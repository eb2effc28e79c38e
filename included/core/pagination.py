def page_links(request):
    """A function that gives the address of page `number` of this list, keeping the filters the person chose."""

    def page_url(number):
        query = request.GET.copy()
        query["page"] = number
        return f"?{query.urlencode()}"

    return page_url
