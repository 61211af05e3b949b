"""Write the stories corpus: tests/stories/articles/* and tests/stories/gold.json.

    python tests/stories/make.py

The articles come from texts_wire.py and texts_events.py, dressed by the
outlets in outlets.py. Gold labels come from the same definitions, never
from babelwire's output. Run it again after editing any of those files.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from outlets import OUTLETS, offset, render_html, render_txt  # noqa: E402
from texts_events import CONFUSABLE_ARTICLES, EVENT_ARTICLES, EVENTS  # noqa: E402
from texts_wire import WIRE_ARTICLES  # noqa: E402

OUT = HERE / "articles"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    gold = {"articles": {}, "events": EVENTS}
    seen = set()
    for a in WIRE_ARTICLES + EVENT_ARTICLES + CONFUSABLE_ARTICLES:
        assert a["id"] not in seen, a["id"]
        seen.add(a["id"])
        assert a["event"] in EVENTS, a["id"]
        o = OUTLETS[a["outlet"]]
        local = datetime.strptime(a["published"], "%Y-%m-%d %H:%M")
        iso = local.strftime("%Y-%m-%dT%H:%M:00") + offset(o["tz"], local)
        name = f"{a['id']}.{o['fmt']}"
        text = render_html(o, a, local, iso) if o["fmt"] == "html" else render_txt(o, a, local)
        (OUT / name).write_text(text, encoding="utf-8")
        gold["articles"][name] = {
            "lang": o["lang"],
            "event": a["event"],
            "wire": a.get("wire"),
            "published": iso,
            "outlet": o["name"],
        }
    (HERE / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(gold['articles'])} articles, {len(EVENTS)} events", file=sys.stderr)


if __name__ == "__main__":
    main()
