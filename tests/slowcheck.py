"""A test-only check type for the service's check processes: ``SLEEP n`` sleeps n seconds,
``BOOM`` raises, ``HOG`` asks for 4 GiB, ``SPIN`` keeps a core busy for ever (a check no budget check inside the rule would stop),
and writes its process id to ``$PRESSQA_TEST_PIDS`` first so a test can see that it was killed.
Registered in each check process by ``ServiceOptions(setup="slowcheck:register")``."""

from __future__ import annotations

import os
import re
import sys
import time

from pressqa.checks import Check

PACK = "rules:\n  slow:\n    type: test-slow\n    category: style\n    level: info\n"


class SlowCheck(Check):
    type = "test-slow"

    def check(self, doc, ctx):
        from pressqa.findings import Hit

        m = re.search(r"SLEEP (\d+(?:\.\d+)?)", doc.text)
        if m:
            time.sleep(float(m.group(1)))
            yield Hit(m.start(), m.end(), "slept")
        if "BOOM" in doc.text:
            raise ValueError("secret internals at /srv/pressqa/private")
        if "HOG" in doc.text:
            hog = [bytes(64 * 1024 * 1024) for _ in range(64)]  # 4 GiB, past any --max-memory in the tests
            yield Hit(0, 3, f"held {len(hog)}")
        if "SPIN" in doc.text:
            where = os.environ.get("PRESSQA_TEST_PIDS")
            if where:
                with open(where, "a", encoding="utf-8") as handle:
                    handle.write(f"{os.getpid()}\n")
            while True:
                pass


def register() -> None:
    from pressqa import checks

    sys.modules["pressqa.checks._test_slow"] = sys.modules[__name__]
    checks.REGISTRY["test-slow"] = "_test_slow:SlowCheck"
