"""Site furniture that scrapers leave in article text: calls to subscribe, share buttons,
"related stories" lists, copyright lines and the outlet's signature at the end.

Every rule is about a whole short line; a line that reads as a normal sentence is kept.
"""

import re

_BULLET = re.compile(r"^[\s\-–—•·*>|»›]+")
_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")

# Lines that are boilerplate when they are nothing but this label.
_LABELS = re.compile(
    r"(advertisement|advertising|sponsored( content)?|story continues below( advertisement)?"
    r"|continue reading( below)?|share( this)?( article| story| page| post)?|tweet|email|e-mail"
    r"|print|print this( article| page)?|comments?|leave a (comment|reply)|copy link"
    r"|read more|read full (story|article)|show more|load more|more stories|most (read|popular)"
    r"|trending( now)?|top stories|recommended( for you| stories)?|you may also like"
    r"|you might also like|related|related (stories|articles|news|posts|content|coverage)"
    r"|also read|see also|back to top|skip to (main )?content|menu|search)\W*",
    re.IGNORECASE,
)
# Lines that start a call to action or a pointer to another page.
_PREFIXES = re.compile(
    r"(subscribe\b|follow us\b|click here\b|sign up (for|to)\b|join (us|our)\b"
    r"|download (our|the) app\b|get the latest\b|read more\b|read also\b|also read\b"
    r"|related\s*:|recommended\s*:|see also\s*:|more\s*:|tags?\s*:|topics\s*:|share (on|via)\b"
    r"|like us on\b|copyright\b|\(c\)\s*\d{4}|©)",
    re.IGNORECASE,
)
# Outlet calls to action and notices: dropped even when worded as a sentence.
_ALWAYS = re.compile(
    r"all rights reserved|^©|^copyright\s*©|\bsubscribe to our\b|\bsign up for our\b"
    r"|^follow us on\b|\bour newsletter\b|\b(we|this (web)?site) uses? cookies\b"
    r"|\baccept (all )?cookies\b|\bcookie (policy|settings|preferences)\b",
    re.IGNORECASE,
)
# Every _ALWAYS and _ANYWHERE match holds one of these: a cheap test before the regexes.
_TRIGGERS = (
    "©",
    "reserved",
    "copyright",
    "subscribe",
    "sign up",
    "follow us",
    "newsletter",
    "cookie",
)
_ANYWHERE = re.compile(r"©|\bnewsletters?\b|\bcookies\b", re.IGNORECASE)
_SOCIAL = {
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "linkedin",
    "email",
    "e-mail",
    "print",
    "share",
    "tweet",
    "telegram",
    "reddit",
    "pinterest",
    "messenger",
    "copy",
    "link",
    "pocket",
    "flipboard",
    "instagram",
    "youtube",
    "tiktok",
    "threads",
    "google",
    "mail",
    "sms",
}
_WEAK_SOCIAL = {"x", "copy", "link", "google", "mail", "sms", "f", "in", "on", "via"}
# A line that opens a list of other stories: the headline-like lines after it go too.
_LIST_HEADER = re.compile(
    r"(related( (stories|articles|news|posts|content|coverage))?|also read|read more|read also"
    r"|see also|more stories|more from [^:]{1,40}|you (may|might) also like"
    r"|recommended( for you)?|most (read|popular)|trending( now)?|top stories)\s*(:.*)?",
    re.IGNORECASE,
)
_SIGNATURE_WORDS = 6
_MAX_FURNITURE_CHARS = 300  # no rule here is about a longer line
_CONNECTORS = {"of", "the", "and", "for", "&", "de", "al", "on", "in", "news", "daily"}


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def is_sentence(line: str) -> bool:
    """True for a line that reads as prose: eight words or more, ending like a sentence."""
    stripped = line.rstrip("\"'”’)]» ")
    return len(_words(line)) >= 8 and stripped.endswith((".", "!", "?"))


def _social_run(words: list[str]) -> bool:
    if len(words) > 12:
        return False
    folded = [w.casefold() for w in words]
    if not folded or any(w not in _SOCIAL | _WEAK_SOCIAL for w in folded):
        return False
    return any(w not in _WEAK_SOCIAL for w in folded)


def is_boilerplate(line: str) -> bool:
    """True for one line of site furniture (``Share this``, ``Subscribe to ...``, ``© 2024``)."""
    body = _BULLET.sub("", line[: _MAX_FURNITURE_CHARS + 10]).strip()
    if not body or len(body) > _MAX_FURNITURE_CHARS:
        return False
    words = _words(body)
    if _LABELS.fullmatch(body) or _social_run(words):
        return True
    folded = body.casefold()
    triggered = any(t in folded for t in _TRIGGERS)
    if triggered and _ALWAYS.search(body) and len(words) <= 30:
        return True
    if is_sentence(body):
        return False
    if _PREFIXES.match(body) and len(words) <= 15:
        return True
    return triggered and bool(_ANYWHERE.search(body)) and len(words) <= 25


def _headline_like(line: str) -> bool:
    if len(line) > _MAX_FURNITURE_CHARS:
        return False
    body = _BULLET.sub("", line).strip()
    words = _words(body)
    return 0 < len(words) <= 16 and not body.rstrip("\"'”’)] ").endswith((".", "!", "?", ":"))


def _is_signature(line: str) -> bool:
    body = line.strip()
    if len(body) > _MAX_FURNITURE_CHARS:
        return False
    if re.fullmatch(r"\((reporting|writing|editing|additional reporting) by [^()]*\)", body, re.I):
        return True
    if re.fullmatch(r"\([^()]{1,60}\)", body):
        return len(_words(body)) <= _SIGNATURE_WORDS
    dashed = re.fullmatch(r"[-–—]{1,2}\s*([^.!?]{1,60})", body)
    if dashed:
        return len(_words(dashed.group(1))) <= 5
    words = _words(body)
    if not 0 < len(words) <= 5 or _BULLET.match(body) or body.endswith((".", "!", "?", ":", ";")):
        return False
    return all(w[0].isupper() or w.casefold() in _CONNECTORS for w in words if not w.isdigit())


def _drop_signatures(lines: list[str]) -> list[str]:
    """Drop up to three signature lines at the end, while real prose remains above them."""
    for _ in range(3):
        last = max((i for i, line in enumerate(lines) if line.strip()), default=None)
        if last is None or not _is_signature(lines[last]):
            break
        if not any(len(line.split(maxsplit=6)) > 6 for line in lines[:last]):
            break
        lines = lines[:last]
    return lines


def strip_boilerplate(text: str) -> str:
    """Remove site furniture lines and trailing outlet signatures; keep every real sentence.

    >>> strip_boilerplate("Share this\\nThe two ministers met in Moscow on Monday.\\n(The Nation)")
    'The two ministers met in Moscow on Monday.'
    """
    kept: list[str] = []
    in_list = False
    for line in text.split("\n"):
        if not line.strip():
            kept.append(line)
            continue
        header = len(line) <= _MAX_FURNITURE_CHARS and _LIST_HEADER.fullmatch(
            _BULLET.sub("", line).strip()
        )
        if header and not is_sentence(line):
            in_list = True
            continue
        if in_list and _headline_like(line):
            continue
        in_list = False
        if not is_boilerplate(line):
            kept.append(line)
    return "\n".join(_drop_signatures(kept)).strip("\n")
