"""The ID token checks the portal makes at every sign-in, whatever channel the token came through (ADR 0055):
its signature against the provider's published keys (asymmetric algorithms only), issuer, audience (and `azp`),
expiry and issue time with a small leeway, and the `nonce` this browser's sign-in sent."""

from __future__ import annotations

import hmac
import json

import jwt

from equity.accounts.oidc.refusals import Reason, SignInRefused

# Public-key algorithms only: `none` and the HMAC family (HS*, keyed with the client secret) are never accepted.
ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
# Seconds of clock difference allowed between the portal and the provider on `exp` and `iat`.
LEEWAY_SECONDS = 60
REQUIRED_CLAIMS = ["iss", "sub", "aud", "exp", "iat"]


def id_token_algorithms(*, supported: list[str] | None) -> frozenset[str]:
    """The algorithms accepted for this provider: the asymmetric ones it says it signs ID tokens with."""
    if not supported:
        return ASYMMETRIC_ALGORITHMS
    return ASYMMETRIC_ALGORITHMS & set(supported)


def _signing_key(*, header: dict, keys: dict) -> jwt.PyJWK:
    """The provider's published key the token names (by `kid`; the only signing key when it names none)."""
    kid = header.get("kid")
    candidates = []
    for data in keys.get("keys", []) if isinstance(keys, dict) else []:
        if not isinstance(data, dict) or data.get("use", "sig") != "sig":
            continue
        if kid is not None and data.get("kid") != kid:
            continue
        if data.get("alg") not in (None, header["alg"]):
            continue
        try:
            candidates.append(jwt.PyJWK.from_json(json.dumps(data), algorithm=header["alg"]))
        except jwt.PyJWTError:
            continue
    if len(candidates) != 1:
        raise SignInRefused(Reason.SIGNATURE, "no single published key matches the token's kid and alg")
    return candidates[0]


def _decode(*, token: str, key: jwt.PyJWK, algorithm: str, issuer: str, client_id: str) -> dict:
    """The token's claims once its signature, issuer, audience and times are checked."""
    try:
        return jwt.decode(
            token,
            key=key,
            algorithms=[algorithm],
            audience=client_id,
            issuer=issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": REQUIRED_CLAIMS, "verify_signature": True},
        )
    except jwt.InvalidSignatureError as error:
        raise SignInRefused(Reason.SIGNATURE, str(error)) from error
    except (jwt.ExpiredSignatureError, jwt.ImmatureSignatureError, jwt.InvalidIssuedAtError) as error:
        raise SignInRefused(Reason.EXPIRED, str(error)) from error
    except jwt.InvalidAudienceError as error:
        raise SignInRefused(Reason.AUDIENCE, str(error)) from error
    except jwt.InvalidIssuerError as error:
        raise SignInRefused(Reason.ISSUER, str(error)) from error
    except jwt.PyJWTError as error:
        raise SignInRefused(Reason.MALFORMED, str(error)) from error


def _check_authorized_party(*, claims: dict, client_id: str) -> None:
    """With several audiences the token must name the portal as its authorized party (OpenID Connect Core 3.1.3.7)."""
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    azp = claims.get("azp")
    if (len(audiences) > 1 or azp is not None) and azp != client_id:
        raise SignInRefused(Reason.AUDIENCE, "azp is not the portal's client id")


def _check_nonce(*, claims: dict, nonce: str) -> None:
    """The token must carry the nonce this browser's sign-in sent (a replayed or injected token does not)."""
    given = claims.get("nonce")
    if not nonce or not isinstance(given, str) or not hmac.compare_digest(given.encode(), nonce.encode()):
        raise SignInRefused(Reason.NONCE, "nonce missing or not this sign-in's")


def id_token_claims(
    *, token: str, keys: dict, issuer: str, client_id: str, nonce: str, algorithms: frozenset[str]
) -> dict:
    """The claims of an ID token that passes every check; SignInRefused with the reason when one fails."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as error:
        raise SignInRefused(Reason.MALFORMED, str(error)) from error
    algorithm = header.get("alg")
    if algorithm not in algorithms:
        raise SignInRefused(Reason.SIGNATURE, f"algorithm {str(algorithm)[:20]!r} is not accepted")
    key = _signing_key(header=header, keys=keys)
    claims = _decode(token=token, key=key, algorithm=algorithm, issuer=issuer, client_id=client_id)
    _check_authorized_party(claims=claims, client_id=client_id)
    _check_nonce(claims=claims, nonce=nonce)
    return claims
