"""Locust users for `make bench`: each role signs in through the login form and requests its pages (the anonymous
"role", username "", requests the public pages without signing in).

Reads the resolved pages from the JSON file named by BENCH_PAGES: [{"label", "username", "path"}, ...], and appends
every response to the file named by BENCH_SAMPLES as a line "label<TAB>milliseconds<TAB>1 or 0 (ok)", so bench/run.py
computes exact percentiles over several rounds.
"""

import json
import os
import re

from locust import FastHttpUser, HttpUser, between, constant, events, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "equity-portal-demo")
PAGES = json.load(open(os.environ["BENCH_PAGES"]))  # noqa: SIM115
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SAMPLES = open(os.environ["BENCH_SAMPLES"], "a", buffering=1)  # noqa: SIM115 (closed when locust quits)
# BENCH_NO_WAIT=1: the throughput rounds (requests per second at saturation): no pause between requests, and
# locust's faster HTTP client for every page alike, so the client on the same cores takes less of them.
SATURATE = os.environ.get("BENCH_NO_WAIT") == "1"
WAIT = constant(0) if SATURATE else between(0.5, 1.5)
BaseUser = FastHttpUser if SATURATE else HttpUser


@events.request.add_listener
def _record(name, response_time, exception, **_kwargs):
    SAMPLES.write(f"{name}\t{response_time:.1f}\t{0 if exception else 1}\n")


@events.quitting.add_listener
def _close(**_kwargs):
    SAMPLES.close()


def _make_user_class(username: str):
    pages = [p for p in PAGES if p["username"] == username]

    class RoleUser(BaseUser):  # type: ignore[valid-type,misc]
        # Think-time users: a role with more pages gets more simulated users, so every page collects about as many
        # samples. Closed loop: one user per role at least (locust gives a class of small weight no user when there
        # are few users; the closed loop has a few), so every page is measured.
        weight = 1 if SATURATE else max(1, len(pages))
        wait_time = WAIT

        def on_start(self):
            if not username:  # an anonymous visitor of the public site: no sign-in
                return
            response = self.client.get("/login/", name="login form")
            token = CSRF.search(response.text).group(1)
            self.client.post(
                "/login/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}, name="login"
            )

        @task
        def visit(self):
            for page in pages:
                self.client.get(page["path"], name=page["label"])

    name = f"User_{re.sub(r'[^A-Za-z0-9]', '_', username) or 'anonymous'}"
    RoleUser.__name__ = RoleUser.__qualname__ = name
    return RoleUser


for _username in sorted({p["username"] for p in PAGES}):
    _cls = _make_user_class(_username)
    globals()[_cls.__name__] = _cls
del _cls, _username  # locust collects every user class it finds in the module: keep each one name only
