from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower

# The kinds of two-step verification that stand on their own, as allauth.mfa names them: a code from an
# authenticator app, and a security key or passkey. Recovery codes are only a way back in when one of these is lost.
AUTHENTICATOR_APP = "totp"
SECURITY_KEY = "webauthn"
TWO_STEP_KINDS = (AUTHENTICATOR_APP, SECURITY_KEY)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is needed.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. They sign in with their email address; a name is how they like to be known."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("Email address", unique=True)
    name = models.CharField("Your name", max_length=150, help_text="The name you would like us to use.")

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        ordering = ["name", "email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case")]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name or self.email

    @property
    def has_two_step(self):
        """True once the person has an authenticator app or a security key (or passkey). Recovery codes alone do
        not count: they are the way back in when the app or key is lost, and allauth never keeps them alone."""
        return bool(self.two_step_kinds)

    @property
    def two_step_kinds(self):
        """The kinds of two-step verification the person has set up, of TWO_STEP_KINDS, in that order."""
        from allauth.mfa.models import Authenticator

        kinds = set(Authenticator.objects.filter(user=self, type__in=TWO_STEP_KINDS).values_list("type", flat=True))
        return [kind for kind in TWO_STEP_KINDS if kind in kinds]
