"""When allauth asks for the code it emails to check an address.

allauth's own stage, with ACCOUNT_EMAIL_VERIFICATION = "mandatory", asks at every sign-in where the address is not
on record as checked. Accounts made before sign-up was open (by invitation, by the admin or by `manage.py`) may
have no address on record at all, and their people were never asked for a code: they are not asked now. An
address on record as unchecked (someone who created an account alone and never typed the code) is asked, at
sign-up and at every sign-in, so nobody gets into an account made with an address they cannot read.
"""

from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage


class VerifyAddressWhenUnchecked(EmailVerificationStage):
    def handle(self):
        user = self.login.user
        if (
            user is not None
            and not self.login.signup
            and not EmailAddress.objects.filter(user=user, verified=False).exists()
        ):
            return None, True
        return super().handle()
