"""The ID token checks (equity.accounts.oidc.tokens) with real keys and real signatures: each check refuses with its
reason. The same checks run against the real test provider in test_sso_provider.py."""

import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from equity.accounts.oidc.refusals import Reason, SignInRefused
from equity.accounts.oidc.tokens import ASYMMETRIC_ALGORITHMS, id_token_algorithms, id_token_claims
from equity.accounts.oidc.views import discovery_check

ISSUER = "https://id.city.example/oauth2/default"
CLIENT_ID = "equity-portal"
NONCE = "n-0S6_WzA2Mj"


def _rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


PROVIDER_KEY = _rsa_key()
OTHER_KEY = _rsa_key()


def _jwks(*keys, kid="k1", alg="RS256"):
    entries = []
    for index, key in enumerate(keys):
        entry = json.loads(jwt.algorithms.get_default_algorithms()[alg].to_jwk(key.public_key()))
        entry.update({"kid": kid if index == 0 else f"{kid}-{index}", "use": "sig", "alg": alg})
        entries.append(entry)
    return {"keys": entries}


def _token(key=PROVIDER_KEY, *, alg="RS256", kid="k1", **overrides):
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": "248289761001", "aud": CLIENT_ID, "exp": now + 300, "iat": now, "nonce": NONCE}
    claims.update(overrides)
    claims = {name: value for name, value in claims.items() if value is not None}
    headers = {"kid": kid} if kid else {}
    return jwt.encode(claims, key, algorithm=alg, headers=headers)


def _check(token, *, keys=None, nonce=NONCE, algorithms=ASYMMETRIC_ALGORITHMS):
    return id_token_claims(
        token=token,
        keys=keys if keys is not None else _jwks(PROVIDER_KEY),
        issuer=ISSUER,
        client_id=CLIENT_ID,
        nonce=nonce,
        algorithms=algorithms,
    )


def _reason(token, **kwargs) -> Reason:
    with pytest.raises(SignInRefused) as refused:
        _check(token, **kwargs)
    return refused.value.reason


def test_id_token_claims_accepts_a_token_signed_by_the_provider():
    claims = _check(_token())
    assert claims["sub"] == "248289761001"
    assert claims["nonce"] == NONCE


def test_id_token_claims_accepts_an_ec_key_and_a_token_without_kid_when_one_key_is_published():
    key = ec.generate_private_key(ec.SECP256R1())
    claims = _check(_token(key, alg="ES256", kid=None), keys=_jwks(key, alg="ES256"))
    assert claims["iss"] == ISSUER


def test_id_token_claims_refuses_a_token_signed_with_another_key():
    assert _reason(_token(OTHER_KEY)) == Reason.SIGNATURE


def test_id_token_claims_refuses_a_key_id_the_provider_does_not_publish():
    assert _reason(_token(kid="unknown")) == Reason.SIGNATURE


def test_id_token_claims_refuses_alg_none():
    token = jwt.encode({"iss": ISSUER, "sub": "1", "aud": CLIENT_ID, "exp": 2**31, "iat": 0}, None, algorithm="none")
    assert _reason(token) == Reason.SIGNATURE


def test_id_token_claims_refuses_hmac_signed_with_the_client_secret():
    token = _token("the-client-secret-that-is-long-enough-for-hs256!", alg="HS256")
    assert _reason(token) == Reason.SIGNATURE


def test_id_token_claims_refuses_an_algorithm_the_provider_does_not_announce():
    assert _reason(_token(), algorithms=id_token_algorithms(supported=["ES256"])) == Reason.SIGNATURE


def test_id_token_algorithms_never_include_symmetric_ones():
    assert id_token_algorithms(supported=["HS256", "none", "RS256"]) == {"RS256"}
    assert "HS256" not in id_token_algorithms(supported=None)


def test_id_token_claims_refuses_an_expired_token_beyond_the_leeway():
    now = int(time.time())
    assert _reason(_token(exp=now - 120, iat=now - 420)) == Reason.EXPIRED


def test_id_token_claims_allows_a_small_clock_difference():
    now = int(time.time())
    assert _check(_token(exp=now - 20, iat=now - 320))["sub"]


def test_id_token_claims_refuses_a_token_issued_in_the_future():
    now = int(time.time())
    assert _reason(_token(iat=now + 600, exp=now + 900)) == Reason.EXPIRED


def test_id_token_claims_refuses_another_audience():
    assert _reason(_token(aud="another-app")) == Reason.AUDIENCE


def test_id_token_claims_refuses_several_audiences_without_the_portal_as_authorized_party():
    assert _reason(_token(aud=[CLIENT_ID, "another-app"])) == Reason.AUDIENCE
    assert _reason(_token(aud=[CLIENT_ID, "another-app"], azp="another-app")) == Reason.AUDIENCE
    assert _check(_token(aud=[CLIENT_ID, "another-app"], azp=CLIENT_ID))["azp"] == CLIENT_ID


def test_id_token_claims_refuses_another_issuer():
    assert _reason(_token(iss="https://attacker.example")) == Reason.ISSUER


def test_id_token_claims_refuses_a_wrong_or_missing_nonce():
    assert _reason(_token(nonce="another-sign-in")) == Reason.NONCE
    assert _reason(_token(nonce=None)) == Reason.NONCE
    assert _reason(_token(), nonce="") == Reason.NONCE


def test_id_token_claims_refuses_a_token_without_a_required_claim():
    assert _reason(_token(sub=None)) == Reason.MALFORMED
    assert _reason("not-a-jwt") == Reason.MALFORMED


def test_discovery_check_wants_the_configured_issuer_and_https_endpoints():
    config = {
        "issuer": ISSUER,
        "authorization_endpoint": f"{ISSUER}/v1/authorize",
        "token_endpoint": f"{ISSUER}/v1/token",
        "jwks_uri": f"{ISSUER}/v1/keys",
    }
    assert discovery_check(config=config, issuer_url=f"{ISSUER}/") == config
    assert discovery_check(config=config, issuer_url=f"{ISSUER}/.well-known/openid-configuration") == config
    with pytest.raises(SignInRefused) as refused:
        discovery_check(config={**config, "issuer": "https://other.example"}, issuer_url=ISSUER)
    assert refused.value.reason == Reason.PROVIDER_CONFIG
    with pytest.raises(SignInRefused):
        discovery_check(config={**config, "jwks_uri": "http://id.city.example/keys"}, issuer_url=ISSUER)
    loopback = {**config, "jwks_uri": "http://127.0.0.1:9000/jwks"}
    assert discovery_check(config=loopback, issuer_url=ISSUER) == loopback
