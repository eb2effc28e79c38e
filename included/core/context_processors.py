from .navigation import navigation_for


def navigation(request):
    return navigation_for(request)
