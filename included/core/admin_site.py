"""Django's admin, made to refuse what it would otherwise fail on.

`IncludedAdminConfig` takes the place of "django.contrib.admin" in INSTALLED_APPS, so that `admin.site` is an
`IncludedAdminSite`. Every model admin registered on it, Included's and other packages' alike, checks the ids sent
with an action before Django's admin filters by them: ids that are not ids (made up, or with a NUL character in
them) would otherwise end in a server error.
"""

from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

MADE_UP_SELECTION = "Choose items from the list, then try again."


class RefusesMadeUpSelections:
    """A model admin mixin: an action sent with ids that cannot be ids is refused with a message."""

    def response_action(self, request, queryset, *args, **kwargs):
        pk = self.model._meta.pk
        try:
            for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
                if "\x00" in value:
                    raise ValidationError(MADE_UP_SELECTION)
                pk.to_python(value)
        except ValidationError:
            self.message_user(request, MADE_UP_SELECTION, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, *args, **kwargs)


class IncludedAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, RefusesMadeUpSelections):
            admin_class = type(
                admin_class.__name__,
                (RefusesMadeUpSelections, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)


class IncludedAdminConfig(AdminConfig):
    default_site = "included.core.admin_site.IncludedAdminSite"
