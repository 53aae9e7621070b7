"""Content behind a login: credentials in URLs, account links, redirects to sign-in, auth challenges, sign-in walls."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from filters.login import BARE_LETTERS, check_credentials, check_page, check_redirect, check_response, is_account_link

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "html"

ARTICLE_TEXT = (
    "<p>The river rose two metres after the storm, and the town council met on Tuesday to decide what to do "
    "about the old bridge, the bakery's flooded cellar and the bus route that runs along the quay.</p>"
) * 8
TEXTE_ARTICLE = (
    "<p>La rivière est montée de deux mètres après l'orage, et le conseil municipal s'est réuni mardi pour "
    "décider du sort du vieux pont, de la cave inondée de la boulangerie et de la ligne de bus qui longe le quai.</p>"
) * 8
LOGIN_FORM = (
    '<form method="post" action="/session"><label>Email <input type="email" name="email"></label>'
    '<label>Password <input type="password" name="password"></label><button>Sign in</button></form>'
    '<a href="/password/reset">Forgot your password?</a> <a href="/signup">Create an account</a>'
)
FORMULAIRE = (
    '<form method="post"><label>Adresse e-mail <input type="text" name="login"></label>'
    '<label>Mot de passe <input type="PASSWORD" name="mdp"></label><button>Se connecter</button></form>'
    '<a href="/mot-de-passe-oublie">Mot de passe oublié ?</a> <a href="/inscription">Créer un compte</a>'
)
SEARCH_FORM = '<form action="/search"><input type="search" name="q"><button>Search</button></form>'
MENU = "<nav>" + "".join(f'<a href="/section/{i}">Section number {i} of the site</a>' for i in range(60)) + "</nav>"


def page(body: str, title: str = "The Valley Courier", head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def refused(html: str | bytes | None, url: str = "https://news.example.com/2024/05/flood") -> str | None:
    """The refusal detail, None when the page is allowed."""
    decision = check_page(html, url)  # type: ignore[arg-type]
    if decision.allowed:
        return None
    assert decision.reason == "login"
    return decision.detail


# Credentials in URLs


@pytest.mark.parametrize(
    "url",
    [
        "https://user:secret@example.com/",
        "https://user@example.com/page",
        "http://:secret@example.com/",
        "ftp://anonymous@files.example.com/pub/",
        "https://jean.dupont%40mail.fr:motdepasse@intranet.example.fr/",
        "//user@example.com/scheme-relative",
        "HTTPS://Admin:Admin@Example.COM:8443/",
    ],
)
def test_a_url_with_credentials_is_refused(url):
    decision = check_credentials(url)
    assert (decision.allowed, decision.reason, decision.detail) == (False, "login", "URL carries credentials")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/",
        "https://mastodon.example/@someone",
        "https://example.com/contact?email=someone@example.com",
        "https://example.com/page#top@1",
        "https://example.com/a/b@c/d",
        "mailto:someone@example.com",
        "",
        "http://[::1",
    ],
)
def test_a_url_without_credentials_is_allowed(url):
    assert check_credentials(url).allowed


# Account links


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/login",
        "https://example.com/Login.aspx?ReturnUrl=%2f",
        "https://example.com/users/sign_in",
        "https://example.com/sign-in/",
        "https://example.com/logout",
        "https://example.com/signup",
        "https://example.com/register",
        "https://example.com/user/register",
        "https://example.com/user/password",
        "https://example.com/password/reset",
        "https://example.com/forgot-password",
        "https://example.com/account",
        "https://example.com/en-gb/account/orders",
        "https://example.com/my-account/",
        "https://example.com/profile",
        "https://example.com/settings",
        "https://example.com/cart",
        "https://shop.example.com/products/basket",
        "https://example.com/checkout/step-2",
        "https://example.com/wp-login.php?action=lostpassword",
        "https://example.com/wp-admin/",
        "https://example.com/admin/",
        "https://example.com/index.php?action=login",
        "https://wiki.example.org/index.php?title=Special:UserLogin&returnto=Main_Page",
        "https://example.com/index.php?route=account/login",
        "https://accounts.google.com/ServiceLogin?continue=https://example.com/",
        "https://login.example.com/",
        "https://example.okta.com/app/x",
        # French.
        "https://exemple.fr/connexion",
        "https://exemple.fr/se-connecter",
        "https://exemple.fr/deconnexion",
        "https://exemple.fr/d%C3%A9connexion",
        "https://exemple.fr/inscription",
        "https://exemple.fr/fr/mon-compte/commandes",
        "https://exemple.fr/panier",
        "https://exemple.fr/commande",
        "https://exemple.fr/mot-de-passe-oublie",
        "https://exemple.fr/mot-de-passe-oublié",
        "https://exemple.fr/espace-client/factures",
        "https://fr.wikipedia.org/wiki/Sp%C3%A9cial:Connexion",
        "https://cas.univ-exemple.fr/cas/login?service=https%3A%2F%2Fent.univ-exemple.fr%2F",
    ],
)
def test_account_links_are_recognised(url):
    assert is_account_link(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/",
        "https://example.com/blog/authors",
        "https://example.com/accountability",
        "https://example.com/login-tips-article",
        "https://example.com/blog/how-to-choose-a-password-manager",
        "https://docs.example.org/en/latest/topics/settings.html",
        "https://docs.example.org/en/5.0/ref/contrib/admin/",
        "https://example.com/docs/api/auth",
        "https://en.wikipedia.org/wiki/Shopping_cart",
        "https://example.com/news/2024/registration-opens-for-the-marathon",
        "https://example.com/cartography",
        "https://example.com/users/42",
        "https://id.wikipedia.org/wiki/Indonesia",
        "https://example.com/search?q=login",
        # French.
        "https://exemple.fr/actualites/inscriptions-scolaires-2024",
        "https://exemple.fr/marches/commande-publique",
        "https://exemple.fr/carte",
        "https://exemple.fr/compte-rendu-du-conseil-municipal",
        "https://exemple.fr/blog/connexion-internet-fibre",
        "https://exemple.fr/oiseaux/identification",
        # Not URLs at all.
        "",
        "not a url",
        "http://[::1",
    ],
)
def test_ordinary_links_with_similar_words_are_followed(url):
    assert not is_account_link(url)


# Redirects


@pytest.mark.parametrize(
    ("from_url", "to_url"),
    [
        ("https://example.com/article", "https://example.com/login?next=/article"),
        ("https://example.com/article", "https://example.com/account/login?returnUrl=%2Farticle"),
        ("https://example.com/a", "https://example.com/users/sign_in"),
        ("https://example.com/a", "https://example.com/auth?return_to=https%3A%2F%2Fexample.com%2Fa"),
        ("https://example.com/a", "https://example.com/sso/"),
        ("https://example.com/forum/t/42", "https://example.com/forum/account?ReturnUrl=%2Fforum%2Ft%2F42"),
        ("https://example.com/forum/t/42", "https://example.com/forum/account/?from=/forum/t/42"),
        ("https://example.com/a", "https://accounts.google.com/ServiceLogin?continue=https://example.com/a"),
        ("https://example.com/a", "https://login.microsoftonline.com/common/oauth2/authorize?redirect_uri=x"),
        ("https://example.com/a", "https://login.live.com/oauth20_authorize.srf"),
        ("https://example.com/a", "https://appleid.apple.com/auth/authorize?client_id=x"),
        ("https://example.com/a", "https://example-corp.eu.auth0.com/authorize?client_id=x"),
        ("https://example.com/a", "https://example.okta.com/oauth2/v1/authorize"),
        ("https://example.com/a", "https://tenant.b2clogin.com/tenant.onmicrosoft.com/oauth2/v2.0/authorize"),
        ("https://example.com/a", "https://www.facebook.com/login.php?next=https%3A%2F%2Fexample.com%2Fa"),
        ("https://example.com/a", "https://www.linkedin.com/authwall?trk=x"),
        ("https://example.com/a", "https://example.com/wp-login.php?redirect_to=%2Fa"),
        # French.
        ("https://exemple.fr/article", "https://exemple.fr/connexion?redirect=/article"),
        ("https://exemple.fr/article", "https://exemple.fr/se-connecter"),
        ("https://exemple.fr/article", "https://exemple.fr/fr/mon-compte/"),
        ("https://ent.univ-exemple.fr/", "https://cas.univ-exemple.fr/cas/login?service=https%3A%2F%2Fent"),
        ("https://exemple.fr/article", "https://app.franceconnect.gouv.fr/api/v1/authorize"),
    ],
)
def test_a_redirect_to_sign_in_is_refused(from_url, to_url):
    decision = check_redirect(from_url, to_url)
    assert (decision.allowed, decision.reason, decision.detail) == (False, "login", "redirect to sign-in")


@pytest.mark.parametrize(
    ("from_url", "to_url"),
    [
        ("http://example.com/article", "https://example.com/article"),
        ("https://example.com/article", "https://example.com/article/"),
        ("https://example.com/old-title", "https://example.com/2024/05/new-title"),
        ("https://example.com/", "https://example.com/fr/"),
        ("https://example.com/", "https://example.com/?lang=en"),
        ("https://www.example.com/a", "https://example.com/a"),
        ("https://example.com/docs/auth", "https://example.com/docs/authentication/"),
        ("https://example.com/blog/login-tips", "https://example.com/blog/login-tips-article/"),
        ("https://example.com/list", "https://example.com/list?next=2"),
        ("https://example.com/a", "https://example.com/a?ref=home"),
        ("https://example.com/shop", "https://example.com/cart"),  # an account page, but not a sign-in
        ("https://exemple.fr/article", "https://exemple.fr/fr/article"),
        ("https://exemple.fr/a", "https://exemple.fr/blog/connexion-internet-fibre"),
        ("", ""),
        ("https://example.com/a", "http://[::1"),
    ],
)
def test_an_ordinary_redirect_is_allowed(from_url, to_url):
    assert check_redirect(from_url, to_url).allowed


# Authentication challenges


@pytest.mark.parametrize(
    ("status", "headers", "detail"),
    [
        (401, {"WWW-Authenticate": 'Basic realm="intranet"'}, "HTTP 401 with WWW-Authenticate"),
        (401, {"www-authenticate": ["Bearer", 'Basic realm="x"']}, "HTTP 401 with WWW-Authenticate"),
        (401, {b"Www-Authenticate": [b"Negotiate"]}, "HTTP 401 with WWW-Authenticate"),
        (407, {"Proxy-Authenticate": "Basic"}, "HTTP 407 with Proxy-Authenticate"),
    ],
)
def test_an_authentication_challenge_is_refused(status, headers, detail):
    decision = check_response(status, headers)
    assert (decision.allowed, decision.reason, decision.detail) == (False, "login", detail)


@pytest.mark.parametrize(
    ("status", "headers"),
    [
        (401, {"Content-Type": "text/html"}),  # an HTTP error, excluded as such elsewhere
        (407, {}),
        (200, {"WWW-Authenticate": "Basic"}),
        (403, {"WWW-Authenticate": "Basic"}),
        (401, None),
        (401, "garbage"),
    ],
)
def test_other_responses_are_allowed(status, headers):
    assert check_response(status, headers).allowed


# Sign-in walls


def test_an_article_is_allowed():
    assert refused(page(MENU + f"<main><article><h1>Flood</h1>{ARTICLE_TEXT}</article></main>" + SEARCH_FORM)) is None


@pytest.mark.parametrize(
    "layout",
    [
        "<header>{box}</header><main><article>{text}</article></main>",
        "<main><article>{text}</article></main><aside>{box}</aside>",
        '<div class="modal" style="display: none">{box}</div><div>{text}</div>',
        '<div hidden>{box}</div><div class="content">{text}</div>',
        '<div id="top-bar">{box}</div><div class="content">{text}</div>',
    ],
)
def test_an_article_with_a_login_box_is_allowed(layout):
    assert refused(page(layout.format(box=LOGIN_FORM, text=ARTICLE_TEXT))) is None
    assert refused(page(layout.format(box=FORMULAIRE, text=TEXTE_ARTICLE))) is None


def test_a_short_article_next_to_a_login_pop_up_is_allowed():
    short = "<h1>Prison review</h1><p>A senior official said in an affidavit that anyone could escape.</p>"
    popup = f'<div class="login-modal"><h2>Welcome! Log into your account</h2>{LOGIN_FORM}</div>'
    assert refused(page(f"<article>{short}</article>{popup}")) is None
    assert refused(page(f"<div>{short}</div><dialog>{LOGIN_FORM}</dialog>")) is None  # a closed <dialog>
    # Without an <article> or <main> to tell the content, a visible password form on a bare page is the page.
    assert refused(page(f"<div>{short}</div>{popup}")) == "sign-in form"


@pytest.mark.parametrize(
    "body",
    [
        f"<main><h1>Sign in to your account</h1>{LOGIN_FORM}</main>",
        f"<table><tr><td><b>Members area</b></td></tr><tr><td>{LOGIN_FORM}</td></tr></table>",
        MENU + f"<div class='box'><h1>Welcome back</h1>{LOGIN_FORM}</div><footer>{MENU}</footer>",
        f"<div>{LOGIN_FORM}</div>" + "".join(f'<a href="/p/{i}">A long list of links, {i}</a>' for i in range(80)),
        f"<main><h1>Connexion</h1><p>Accédez à votre espace personnel.</p>{FORMULAIRE}</main>",
        f"<div id='wall'><h2>Identifiez-vous</h2>{FORMULAIRE}</div>",
    ],
)
def test_a_bare_login_page_is_refused(body):
    assert refused(page(body, title="Example")) == "sign-in form"


def test_a_login_page_with_a_long_pitch_is_refused_by_its_title_or_url():
    pitch = f"<div><h2>Why join?</h2>{ARTICLE_TEXT}</div>"
    body = f"<main>{pitch}{LOGIN_FORM}</main>"
    assert refused(page(body, title="Sign in – Example Accounts")) == "sign-in form"
    assert refused(page(body, title="Connexion | Exemple"), "https://exemple.fr/page") == "sign-in form"
    assert refused(page(body), "https://example.com/account/login?next=%2F") == "sign-in form"
    assert refused(page(body, title="Login problems? Read this"), "https://example.com/help") is None


def test_the_bare_threshold():
    def login_page(letters: int) -> str:
        return page(f"<div><p>{'a' * letters}</p>{LOGIN_FORM}</div>")

    assert refused(login_page(BARE_LETTERS - 50)) == "sign-in form"
    assert refused(login_page(BARE_LETTERS + 50)) is None


@pytest.mark.parametrize(
    "wall",
    [
        "<h2>Subscribe to continue reading</h2><p>Get unlimited access for 1 euro.</p>",
        "<h2>Sign in or create a free account to keep reading</h2>",
        "<p>This article is only available to subscribers.</p>",
        "<p>You must be logged in to view this page.</p>",
        "<p>Please <a href='/login'>log in</a> to continue.</p>",
        "<h2>Connectez-vous pour lire la suite</h2>",
        "<p>Cet article est réservé aux abonnés.</p><p>Déjà abonné ?</p>",
        "<p>Article réservé aux abonnés</p>",
        "<p>La suite de cet article est réservée aux abonnés.</p>",
        "<p>Veuillez vous connecter.</p>",
        "<p>Vous devez être connecté pour accéder à ce contenu.</p>",
        "<p>Abonnez-vous pour lire la suite de l\u2019article.</p>",
    ],
)
def test_a_wall_message_with_a_form_on_a_bare_page_is_refused(wall):
    teaser = "<h1>Flood in the valley</h1><p>The river rose two metres after the storm.</p>"
    form = '<form action="/subscribe"><input type="email" name="email"><button>Go</button></form>'
    assert refused(page(MENU + f"<main><article>{teaser}{wall}{form}</article></main>")) == "sign-in wall"


def test_a_wall_message_needs_a_form_and_a_bare_page():
    wall = "<h2>Subscribe to continue reading</h2>"
    form = '<form action="/subscribe"><input type="email" name="email"></form>'
    assert refused(page(f"<article><h1>Flood</h1>{wall}<a href='/subscribe'>Subscribe</a></article>")) is None
    assert refused(page(f"<article><h1>Flood</h1>{ARTICLE_TEXT}{wall}{form}</article>")) is None


@pytest.mark.parametrize(
    "body",
    [
        # A help page about logging in, with a search form.
        SEARCH_FORM + "<article><h1>How to log in</h1><p>Sign in to continue where you left off: open the app, "
        "tap Sign in, type your email and password.</p>" + ARTICLE_TEXT + "</article>",
        # An article with a registration link and a newsletter box.
        f"<article>{TEXTE_ARTICLE}<p><a href='/inscription'>Créer un compte</a></p></article>"
        "<form><input type='email' name='newsletter'><button>Subscribe to read our latest posts</button></form>",
        # A short page with a contact form: no wall message, no password.
        "<main><h1>Contact</h1><form><input name='name'><textarea name='message'></textarea></form></main>",
        # A short page that mentions subscribers, without any form.
        "<main><h1>Offers</h1><p>Some content is reserved for subscribers.</p></main>",
        # Short posts whose comments need an account, and a teaser that links to the rest.
        "<article><p>Photos of the parade.</p></article><div id='respond'><p>You must be <a href='/wp-login.php'>"
        "logged in</a> to post a comment.</p></div>" + SEARCH_FORM,
        "<article><p>Photos du défilé.</p></article><p>Vous devez être connecté pour publier un commentaire.</p>"
        "<p>Les commentaires sont réservés aux abonnés.</p><form><textarea name='commentaire'></textarea></form>",
        "<article><h2>Le défilé</h2><p>Le défilé a eu lieu.</p><a href='/defile'>Cliquez ici pour lire la suite</a>"
        "</article>" + SEARCH_FORM,
    ],
)
def test_pages_that_talk_about_logging_in_are_allowed(body):
    assert refused(page(body)) is None


@pytest.mark.parametrize(
    "html",
    [None, "", "plain text, no markup", "<<<>>>", "<html", "\x00\x01<p>\ud800</p>", b"<p>bytes</p>", 42,
     "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>"],
)
def test_garbage_never_raises(html):
    assert refused(html) is None


def test_a_page_without_a_url_is_still_read():
    assert refused(page(LOGIN_FORM), None) == "sign-in form"  # type: ignore[arg-type]
    assert refused(page(LOGIN_FORM), "http://[::1") == "sign-in form"


def test_bytes_and_xml_declarations_are_read():
    login = page(f"<main>{LOGIN_FORM}</main>")
    assert refused(login.encode("utf-8")) == "sign-in form"
    assert refused("<?xml version='1.0' encoding='utf-8'?>" + login) == "sign-in form"


def test_a_page_past_the_cap_is_never_taken_for_bare():
    # Large news pages put half a megabyte of scripts before their article: what was read is no measure of the text.
    script = "<script>" + "var tracking = 1;" * 500_000 + "</script>"
    wall = "<h2>Subscribe to continue reading</h2><form><input type='email'></form>"
    assert refused(page(f"<main>{LOGIN_FORM}</main>{script}")) is None
    assert refused(page(f"<main>{wall}</main>{script}")) is None
    assert refused(page(f"<main>{LOGIN_FORM}</main>{script}", title="Sign in")) == "sign-in form"
    assert refused(page(f"{script}<main>{LOGIN_FORM}</main>", title="Sign in")) is None  # past the cap: never read


def test_no_article_of_the_html_corpora_is_a_login_wall():
    pages = sorted(CORPORA.glob("*/**/*.html.gz"))
    if not pages:
        pytest.skip(f"HTML corpora not found at {CORPORA}")
    walls = [p.name for p in pages if refused(gzip.decompress(p.read_bytes()).decode("utf-8", "replace"))]
    assert walls == []
