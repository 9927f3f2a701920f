"""Copy GOV.UK Frontend from node_modules into static/vendor, adapted for this service.

- `url(/assets/...)` in the CSS is absolute; it would break under /static/. We use no
  GOV.UK fonts or crown, so the @font-face rules are dropped and the font stack is replaced
  with a system one (GDS Transport is licensed for GOV.UK only).
- sourceMappingURL comments are stripped so that manifest storage does not look for maps.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
TARGET = ROOT / "static" / "vendor" / "govuk-frontend"
FONT_STACK = '"Helvetica Neue",Helvetica,Arial,sans-serif'


def main():
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} is missing: run `npm ci` first")
    TARGET.mkdir(parents=True, exist_ok=True)
    css = (SOURCE / "govuk-frontend.min.css").read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace('"GDS Transport",arial,sans-serif', FONT_STACK)
    css = css.replace("GDS Transport,arial,sans-serif", FONT_STACK)
    css = css.replace("font-family:GDS Transport", f"font-family:{FONT_STACK}")
    css = re.sub(r"url\(/assets/[^)]*\)", "none", css)
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    if "/assets/" in css or "GDS Transport" in css:
        sys.exit("govuk-frontend.min.css still refers to /assets/ or GDS Transport")
    (TARGET / "govuk-frontend.min.css").write_text(css, encoding="utf-8")
    js = (SOURCE / "govuk-frontend.min.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    (TARGET / "govuk-frontend.min.js").write_text(js, encoding="utf-8")
    (TARGET / "VERSION").write_text(
        re.search(r'"version":\s*"([^"]+)"', (SOURCE.parent.parent / "package.json").read_text())[1]
        + "\n"
    )
    print(f"GOV.UK Frontend copied to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
