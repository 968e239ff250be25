"""Schemathesis hooks for `cargo xtask contract`: the API's own string formats and sessions."""

import base64
import os

import schemathesis
from hypothesis import strategies as st

I64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


def _cursor(key_and_id):
    key, row_id = key_and_id
    raw = f"{key}.{row_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


# `format: cursor` is the opaque `next_cursor` of a previous page: base64url (no padding) of
# "{sort key}.{id}". Any string of the schema's length is not a cursor, so without this every
# positive test of a paged list would send garbage and be refused with 400, as documented.
schemathesis.openapi.format("cursor", st.one_of(st.just(""), st.tuples(I64, I64).map(_cursor)))

# Sessions of three demo users, signed in by xtask before the run. Every request carries the
# first (the reader's flags, the cart, orders, ... are exercised signed in), except signing out,
# which would end it for the rest of the run: each way of signing out has a user of its own,
# and once that session is gone it answers 401 as documented. Where an operation declares the
# `session` scheme, Schemathesis also sends requests without it (check `ignored_auth`).
SIGN_OUT = "/api/v1/auth/signout"
SIGN_OUT_ALL = "/api/v1/auth/signout-all"


class _Cookie:
    variable = ""

    def get(self, case, context):
        return os.environ[self.variable]

    def set(self, case, data, context):
        case.cookies = case.cookies or {}
        case.cookies["zc_session"] = data


@schemathesis.auth(refresh_interval=None, retry_on=[]).skip_for(path=[SIGN_OUT, SIGN_OUT_ALL])
class Reader(_Cookie):
    variable = "ZC_SESSION"


@schemathesis.auth(refresh_interval=None, retry_on=[]).apply_to(path=SIGN_OUT)
class SignOut(_Cookie):
    variable = "ZC_SIGNOUT_SESSION"


@schemathesis.auth(refresh_interval=None, retry_on=[]).apply_to(path=SIGN_OUT_ALL)
class SignOutAll(_Cookie):
    variable = "ZC_SIGNOUT_ALL_SESSION"


def _clip(suffix, codec):
    """A real half-second 32x32 video made with ffmpeg (installed by the setup): the upload
    endpoint probes what it gets, so a body sent as `video/*` must be a video of that kind."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "clip" + suffix)
        subprocess.run(
            ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
             "testsrc2=size=32x32:rate=10:duration=0.5", "-c:v", codec, path],
            check=True,
        )
        with open(path, "rb") as f:
            return f.read()


_VIDEOS = {}


@schemathesis.serializer("video/mp4", "video/quicktime", "video/webm")
def _video(ctx, value):
    kind = "webm" if ctx.case.media_type == "video/webm" else "mp4"
    if kind not in _VIDEOS:
        _VIDEOS[kind] = _clip(".webm", "libvpx-vp9") if kind == "webm" else _clip(".mp4", "libx264")
    return _VIDEOS[kind]
