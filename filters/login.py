"""Content behind a login: credentials in URLs, account links, redirects to sign-in, auth challenges, sign-in walls.

URL words are whole path segments without case, accents, "-", "_", "." or extension ("/Sign_In.aspx" is "signin"),
so "/blog/authors", "/accountability" and "/login-tips-article" are ordinary pages. Words that also name ordinary
pages ("settings", "admin", "auth") count only at the root of a path, after a language or a "/user/"-like prefix.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, unquote, urlsplit

from lxml import etree

from filters.decision import ALLOW, Decision, refuse

logger = logging.getLogger(__name__)

# A sign-in wall is a small page: a longer one is read this far, and never taken for bare (only its title or URL
# can then make its password form a sign-in form), as its text may well come after the cut.
MAX_HTML_CHARS = 512 * 1024
# Letters of main text (outside forms, links, buttons, header, nav, sidebar, footer) under which a page is bare:
# a sign-in wall shows a heading, a pitch and a legal line; an article, a paragraph or two at least.
BARE_LETTERS = 600

# Sign-in pages in any segment of a path ("my account" shows a sign-in form to a visitor), then words that also
# name ordinary pages (docs on "authentication", a bird "identification" guide), which count at the root only.
SIGN_IN = frozenset("""login logon signin signon userlogin wplogin authwall myaccount connexion seconnecter sidentifier
    identifiezvous connectezvous moncompte espaceclient espacemembre espacemembres espaceabonne monespace""".split())
ROOT_SIGN_IN = frozenset("""auth oauth oauth2 sso saml saml2 cas openid account accounts compte authorize authenticate
    authentication authentification identification""".split())
# Other account pages a crawler never follows: sign-up and sign-out, passwords, cart and checkout, profile, admin.
ACCOUNT = frozenset("""logout logoff signout signoff userlogout deconnexion sedeconnecter signup createaccount
    creeruncompte creercompte creationcompte sinscrire forgotpassword resetpassword passwordreset lostpassword
    recoverpassword motdepasseoublie motdepasseperdu cart basket checkout checkouts panier wishlist wpadmin
    administrator editprofile myprofile monprofil myorders mescommandes orderhistory""".split())
ROOT_ACCOUNT = frozenset("""admin register registration join profile profil settings preferences parametres reglages
    dashboard orders commande commandes password motdepasse inscription""".split())
ROOT_PREFIXES = frozenset("user users member members my me customer client membre utilisateur index app".split())
# Query keys naming the page to show ("wp-login.php?action=login", "?route=account/login", "?title=Special:...").
PAGE_KEYS = frozenset("action do mode page task view title route".split())
# Query keys carrying the visitor back to the page asked for, once signed in.
RETURN_KEYS = frozenset("""next returnurl returnto return redirect redirecturi redirectto redirecturl continue service
    callback callbackurl goto dest destination backurl backto camefrom from origin target retour relaystate""".split())
# Identity providers (and their tenants' subdomains), then the subdomains sites give their sign-in.
SSO_DOMAINS = tuple("""accounts.google.com login.microsoftonline.com login.windows.net login.live.com account.live.com
    appleid.apple.com idmsa.apple.com login.yahoo.com signin.aws.amazon.com id.atlassian.com accounts.spotify.com
    login.salesforce.com auth.services.adobe.com auth0.com okta.com oktapreview.com okta-emea.com b2clogin.com
    onelogin.com cloudflareaccess.com pingone.com pingone.eu login.gov franceconnect.gouv.fr""".split())
SSO_LABELS = frozenset("login logon signin signon sso auth oauth accounts account idp cas connexion compte".split())
# What a wall says in place of the content, in English and French: to read on, not "log in to comment".
_TO_READ = r"\s+to\s+(?:continue|read|keep\s+reading|view|see|access|unlock)\b"
_POUR_LIRE = r"\s+pour\s+(?:continuer|lire|acc[ée]der|voir|consulter|poursuivre|d[ée]bloquer)\b"
WALL_MESSAGES: tuple[re.Pattern[str], ...] = tuple(re.compile(pattern, re.IGNORECASE) for pattern in (
    r"\b(?:sign|log)\s*-?\s*in(?:\s+or\s+[\w ]{2,30}?)?" + _TO_READ,
    # Not a newsletter's "subscribe to read our latest posts".
    r"\b(?:subscribe|register|create\s+an?\s+(?:free\s+)?account)(?:\s+now)?\s+to\s+(?:continue|keep\s+reading|unlock"
    r"|read\s+(?:the\s+(?:full|rest|whole)|this|on)|access\s+(?:this|the))\b",
    r"\b(?:you\s+must|you\s+need\s+to|please)\s+(?:be\s+)?(?:log(?:ged)?|sign(?:ed)?)\s*-?\s*in"
    rf"(?:{_TO_READ}|\s*[.!]|\s*$)",
    r"\b(?:content|article|page|story)\s+is\s+(?:only\s+)?(?:available|reserved)\s+(?:only\s+)?(?:to|for)\s+"
    r"(?:our\s+)?(?:subscribers|members|registered\s+users)",
    r"\b(?:connectez|identifiez|abonnez|inscrivez)[- ]vous" + _POUR_LIRE,
    r"\b(?:vous\s+devez\s+[êe]tre\s+(?:connect|identifi|abonn|inscrit)[ée]*s?|veuillez\s+vous\s+(?:connecter"
    rf"|identifier))(?:{_POUR_LIRE}|\s*[.!]|\s*$)",
    r"\b(?:article|contenu|suite\s+de\s+(?:cet|l')\s*article|vid[ée]o)\s+(?:est\s+)?r[ée]serv[ée]e?\s+aux\s+"
    r"(?:abonn[ée]s|membres|inscrits)",
))
# A title that is "Sign in", or starts or ends with it next to the site's name.
_SIGN_IN_TITLE = re.compile(
    r"(?:^|[|:\-–—‹›·•»]\s*)(?:sign\s*-?\s*in|log\s*-?\s*[io]n|se\s+connecter|connexion|identification"
    r"|authentification)\s*(?:$|[|:\-–—‹›·•»&(]|to\b|or\b|ou\b)", re.IGNORECASE
)
_CREDENTIALS = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?[/\\]{2}[^/?#\\]*@", re.IGNORECASE)
_LOCALE = re.compile(r"[a-z]{2}(?:[-_][a-z]{2,4})?")
_EXTENSION = re.compile(r"\.(?:php\d?|s?html?|aspx?|jsp|cgi|do|action|pl|cfm)$")
_SPECIAL_PAGE = re.compile(r"(?:special|spezial|especial|speciale):")  # MediaWiki's Special:UserLogin
_SEPARATORS = re.compile(r"[-_.\s+]+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")
# lxml.etree's own elements: lxml.html's element classes cost a lookup for every element touched.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)
# What a visitor does not read as the page: unseen elements, and the chrome (a login box in a header is not the page).
_SKIPPED_TAGS = frozenset("head script style noscript template svg object nav header footer aside".split())
_SKIPPED_ROLES = frozenset("navigation banner contentinfo complementary search".split())
_CONTROL_TAGS = ("form", "a", "button", "label", "select", "textarea")
_ACCOUNT_ANYWHERE, _ACCOUNT_AT_ROOT = SIGN_IN | ACCOUNT, ROOT_SIGN_IN | ROOT_ACCOUNT
_SSO_SUFFIXES = tuple("." + domain for domain in SSO_DOMAINS)


def check_credentials(url: str) -> Decision:
    """refuse("login", ...) for a URL with user:password@ or user@ before its host; ALLOW otherwise."""
    if isinstance(url, str) and _CREDENTIALS.match(url):
        return refuse("login", "URL carries credentials")
    return ALLOW


@lru_cache(maxsize=65536)  # a site's menus link every page to the same account pages
def is_account_link(url: str) -> bool:
    """Whether a link leads to sign-in, sign-up, sign-out, password, cart, checkout, account or admin pages."""
    parts = _split(url)
    return parts is not None and (
        _is_sso_host(_host(parts))
        or _path_has(parts.path, _ACCOUNT_ANYWHERE, _ACCOUNT_AT_ROOT)
        or _query_has(parts, _ACCOUNT_ANYWHERE, _ACCOUNT_AT_ROOT)
    )


def check_redirect(from_url: str, to_url: str) -> Decision:
    """refuse("login", "redirect to sign-in") when a redirect lands on a sign-in page or an identity provider."""
    parts = _split(to_url)
    signs_in = parts is not None and (
        _is_sso_host(_host(parts))
        or _path_has(parts.path, SIGN_IN, ROOT_SIGN_IN)
        or _query_has(parts, SIGN_IN, ROOT_SIGN_IN)
        # A root-only word deeper in the path ("/forum/account?next=...") counts once the page is carried along.
        or (_carries_back(parts, from_url) and _path_has(parts.path, SIGN_IN | ROOT_SIGN_IN, frozenset()))
    )
    return refuse("login", "redirect to sign-in") if signs_in else ALLOW


def check_response(status: int, headers: Mapping[str, str | list[str]]) -> Decision:
    """refuse("login", ...) for a 401 with WWW-Authenticate or a 407 with Proxy-Authenticate; ALLOW otherwise.

    A 401 without a challenge is an HTTP error, not a login wall: the error handling excludes it.
    """
    names = {
        (name.decode("latin-1") if isinstance(name, bytes) else str(name)).strip().lower()
        for name in (headers if isinstance(headers, Mapping) else ())
    }
    if status == 401 and "www-authenticate" in names:
        return refuse("login", "HTTP 401 with WWW-Authenticate")
    if status == 407 and "proxy-authenticate" in names:
        return refuse("login", "HTTP 407 with Proxy-Authenticate")
    return ALLOW


def check_page(html: str, url: str) -> Decision:
    """refuse("login", ...) when the page's main content is a sign-in form or a "sign in to continue" wall.

    An article with a login box in its header, sidebar or a pop-up, or a page that talks about logging in, is allowed.
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    if not isinstance(html, str) or "<" not in html:
        return ALLOW
    try:
        root = etree.fromstring(_XML_DECLARATION.sub("", html[:MAX_HTML_CHARS], count=1), _PARSER)
    except (etree.LxmlError, ValueError) as exc:
        logger.debug("page HTML not parsed for a sign-in wall: %s", exc)
        return ALLOW
    if root is None:  # nothing but blanks or a stray tag
        return ALLOW
    parts = _split(url)
    says_sign_in = bool(_SIGN_IN_TITLE.search(" ".join((root.findtext(".//title") or "").split()))) or (
        parts is not None and _path_has(parts.path, SIGN_IN, ROOT_SIGN_IN)
    )
    text, fields, passwords = _read(root, says_sign_in)
    bare = len(html) <= MAX_HTML_CHARS and _letters(root.itertext()) < BARE_LETTERS
    if passwords and (bare or says_sign_in):
        return refuse("login", "sign-in form")
    if bare and fields:
        text = " ".join(text.split()).replace("\u2019", "'")
        if any(message.search(text) for message in WALL_MESSAGES):
            return refuse("login", "sign-in wall")
    return ALLOW


def _read(root: etree._Element, sign_in_page: bool) -> tuple[str, int, int]:
    """The text a visitor reads outside the page chrome, and the number of form fields and of password fields.

    Unseen elements, the chrome, then forms, links and buttons leave the tree: what is left is the page's own text.
    """
    _drop([element for element in root.iter(etree.Element) if _skipped(element)])
    fields = [field for field in root.iter("form", "textarea", "input") if _kind(field) != "hidden"]
    passwords = [field for field in fields if _kind(field) == "password"]
    if passwords and not sign_in_page:
        # A page that marks its content (article, main) puts its own sign-in form there, not in a pop-up beside it.
        content = {e for e in root.iter(etree.Element) if e.tag in ("main", "article") or e.get("role") == "main"}
        passwords = [field for field in passwords if not content or not content.isdisjoint(field.iterancestors())]
    text = " ".join(root.itertext())  # spaced, so that "reading</h2><button>Go" does not read "readingGo"
    _drop(list(root.iter(*_CONTROL_TAGS)))
    return text, len(fields), len(passwords)


def _letters(chunks: Iterator[str]) -> int:
    """How many letters the chunks hold, counting no further than BARE_LETTERS."""
    letters = 0
    for chunk in chunks:
        letters += len(_NOT_LETTERS.sub("", chunk))
        if letters >= BARE_LETTERS:
            break
    return letters


def _drop(elements: list[etree._Element]) -> None:
    """Remove elements from the tree, keeping the text that follows each."""
    for element in elements:
        parent = element.getparent()
        if parent is None:
            continue
        if element.tail:
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + element.tail
            else:
                parent.text = (parent.text or "") + element.tail
        parent.remove(element)


def _kind(field: etree._Element) -> str:
    return (field.get("type") or "").strip().lower() if field.tag == "input" else field.tag


def _skipped(element: etree._Element) -> bool:
    if element.tag in _SKIPPED_TAGS or element.get("role") in _SKIPPED_ROLES or element.get("hidden") is not None:
        return True
    if element.tag == "dialog" and element.get("open") is None:  # a closed <dialog> is not shown
        return True
    hidden = (element.get("aria-hidden") or "").strip().lower() == "true"
    return hidden or "display:none" in (element.get("style") or "").replace(" ", "").lower()


def _split(url: str) -> SplitResult | None:
    try:
        return urlsplit(url) if isinstance(url, str) else None
    except ValueError:
        return None


def _host(parts: SplitResult) -> str:
    try:
        return (parts.hostname or "").lower()
    except ValueError:
        return ""


def _segments(path: str) -> list[tuple[str, str]]:
    """Each non-empty path segment as (its lower-case text without accents, its word)."""
    path = unquote(path).lower()
    if not path.isascii():
        path = "".join(c for c in unicodedata.normalize("NFKD", path) if not unicodedata.combining(c))
    segments = path.split("/")
    raws = [raw.split(";", 1)[0].strip() for raw in segments]
    return [(raw, _key(_SPECIAL_PAGE.sub("", _EXTENSION.sub("", raw), count=1))) for raw in raws if raw]


def _path_has(path: str, anywhere: frozenset[str], at_root: frozenset[str]) -> bool:
    segments = _segments(path)
    for index, (_, word) in enumerate(segments):
        if word in anywhere or (word in at_root and all(
            prior in ROOT_PREFIXES or _LOCALE.fullmatch(raw) for raw, prior in segments[:index]
        )):
            return True
    return False


def _query_has(parts: SplitResult, anywhere: frozenset[str], at_root: frozenset[str]) -> bool:
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    return any(_key(key) in PAGE_KEYS and _path_has(value, anywhere, at_root) for key, value in pairs)


def _carries_back(parts: SplitResult, from_url: str) -> bool:
    """Whether the query names a page to come back to: a return key, or the path we were redirected from."""
    origin = _split(from_url)
    back = origin.path.rstrip("/") if origin is not None else ""
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    return any(_key(key) in RETURN_KEYS or (len(back) > 1 and back in value) for key, value in pairs)


def _key(name: str) -> str:
    return _SEPARATORS.sub("", name.lower())


def _is_sso_host(host: str) -> bool:
    labels = host.split(".")
    return host in SSO_DOMAINS or host.endswith(_SSO_SUFFIXES) or (len(labels) > 2 and labels[0] in SSO_LABELS)
