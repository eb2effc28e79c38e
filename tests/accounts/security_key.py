"""A security key made of code, for tests that add and use a key without a browser.

It answers the options a page hands the browser (the JSON in the page's "security-key-options" script) the way a
real key and browser would: a new credential with a "none" attestation when a key is added, and a signed
assertion when it is used. The server checks both with the same code it uses for real keys (python-fido2).
The browser tests use Chromium's own virtual authenticator instead (tests/browser/test_security_keys.py).
"""

import json
import os
import re

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse
from fido2.cose import ES256
from fido2.utils import sha256, websafe_decode, websafe_encode
from fido2.webauthn import AttestationObject, AttestedCredentialData, AuthenticatorData, CollectedClientData

from tests.accounts.helpers import confirm_password

ORIGIN = "http://testserver"
RP_ID = "testserver"
FLAGS = AuthenticatorData.FLAG


def page_options(response):
    """The options the page hands to the browser's WebAuthn API, read from the page as the browser would."""
    match = re.search(r'<script id="security-key-options" type="application/json">(.*?)</script>', response.text, re.S)
    assert match, "The page has no security key options."
    return json.loads(match.group(1))


class SoftwareKey:
    def __init__(self, rp_id=RP_ID, origin=ORIGIN):
        self.rp_id = rp_id
        self.origin = origin
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0

    def _client_data(self, kind, challenge):
        return CollectedClientData.create(type=kind, challenge=websafe_decode(challenge), origin=self.origin)

    def _credential(self, response):
        key_id = websafe_encode(self.credential_id)
        return {
            "id": key_id,
            "rawId": key_id,
            "type": "public-key",
            "response": response,
            "clientExtensionResults": {},
        }

    def create(self, options):
        """Answer `{"creation_options": ...}`: make a new credential, as `navigator.credentials.create` does."""
        public_key = options["creation_options"]["publicKey"]
        client_data = self._client_data("webauthn.create", public_key["challenge"])
        credential_data = AttestedCredentialData.create(
            b"\0" * 16, self.credential_id, ES256.from_cryptography_key(self.private_key.public_key())
        )
        auth_data = AuthenticatorData.create(
            sha256(self.rp_id.encode()), FLAGS.UP | FLAGS.UV | FLAGS.AT, self.counter, bytes(credential_data)
        )
        attestation = AttestationObject.create("none", auth_data, {})
        return self._credential(
            {
                "clientDataJSON": websafe_encode(bytes(client_data)),
                "attestationObject": websafe_encode(bytes(attestation)),
            }
        )

    def get(self, options):
        """Answer `{"request_options": ...}`: sign the challenge, as `navigator.credentials.get` does."""
        public_key = options["request_options"]["publicKey"]
        client_data = self._client_data("webauthn.get", public_key["challenge"])
        self.counter += 1
        auth_data = AuthenticatorData.create(sha256(self.rp_id.encode()), FLAGS.UP | FLAGS.UV, self.counter)
        signature = self.private_key.sign(bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256()))
        return self._credential(
            {
                "clientDataJSON": websafe_encode(bytes(client_data)),
                "authenticatorData": websafe_encode(bytes(auth_data)),
                "signature": websafe_encode(signature),
                "userHandle": None,
            }
        )


def add_key(client, key=None, name="Blue key"):
    """Add a security key through the real pages, confirming the password first. Returns the key and the response."""
    key = key or SoftwareKey()
    confirm_password(client)
    page = client.get(reverse("mfa_add_webauthn"))
    answer = key.create(page_options(page))
    response = client.post(reverse("mfa_add_webauthn"), {"name": name, "credential": json.dumps(answer)})
    return key, response
