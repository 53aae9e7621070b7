"""Blocklists: matching by host and subdomains, exceptions, importers, and the lists Moisson ships."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from filters.blocklist import (
    CATEGORIES,
    Blocklist,
    Entry,
    normalize_host,
    read_category_file,
    read_domain_list,
    read_sources,
    read_ut1,
)

BLOCKLISTS = Path(__file__).parents[2] / "blocklists"


def listing(*entries: tuple[str, str], **kwargs) -> Blocklist:
    blocklist = Blocklist(**kwargs)
    blocklist.add(Entry(host, category, "test") for host, category in entries)
    return blocklist


# --- Matching ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "category"),
    [
        ("https://example.com/", "adult"),
        ("http://a.b.example.com:8080/x?y#z", "adult"),
        ("https://user:pw@WWW.Example.COM./", "adult"),
        ("example.com", "adult"),
        ("Deep.Sub.EXAMPLE.com", "adult"),
        ("example.com/some/path", "adult"),
        ("https://forum.patients.fr/thread/1", "health"),
        ("https://www.forum.patients.fr/", "health"),
        ("https://patients.fr/", None),
        ("https://news.patients.fr/", None),
        ("https://notexample.com/", None),
        ("https://example.com.evil.net/", None),
        ("https://example.org/", None),
    ],
)
def test_an_entry_blocks_its_host_and_all_its_subdomains(url, category):
    blocklist = listing(("example.com", "adult"), ("forum.patients.fr", "health"))
    decision = blocklist.check(url)
    if category is None:
        assert decision.allowed and blocklist.match(url) is None
    else:
        assert (decision.allowed, decision.reason, decision.detail) == (False, "blocklist", category)


def test_the_most_specific_entry_gives_the_category():
    blocklist = listing(("example.com", "adult"), ("forum.example.com", "health"))
    assert blocklist.check("https://x.forum.example.com/").detail == "health"
    assert blocklist.check("https://www.example.com/").detail == "adult"


def test_the_first_entry_for_a_host_wins():
    blocklist = listing(("example.com", "dating"), ("example.com", "piracy"))
    assert blocklist.match("example.com") == Entry("example.com", "dating", "test")
    assert blocklist.counts()["piracy"] == 0


def test_ip_addresses_compare_exactly():
    blocklist = listing(("192.0.2.7", "piracy"), ("2001:db8::1", "piracy"))
    assert not blocklist.check("http://192.0.2.7/x").allowed
    assert not blocklist.check("http://[2001:0db8:0:0::1]:80/").allowed
    assert not blocklist.check("2001:db8::1").allowed
    assert blocklist.check("http://192.0.2.70/").allowed
    assert blocklist.check("http://1.192.0.2.7/").allowed
    assert blocklist.check("http://192.0.2.7.example.com/").allowed


def test_non_ascii_hosts_match_their_idna_form():
    blocklist = listing(("bücher.example", "piracy"))
    assert blocklist.match("https://www.xn--bcher-kva.example/").host == "xn--bcher-kva.example"
    assert not blocklist.check("https://shop.BÜCHER.example/").allowed


@pytest.mark.parametrize("garbage", ["", "   ", "http://", "http://[broken/", "::::", "https://.example.com/", "com"])
def test_garbage_is_allowed_quietly(garbage):
    assert listing(("example.com", "adult")).check(garbage).allowed


def test_an_exception_excepts_its_host_and_its_subdomains():
    blocklist = listing(("example.com", "adult"), exceptions=["www.safe.example.com", "forum.site.org"])
    blocklist.add([Entry("site.org", "health", "test")])
    assert blocklist.check("https://safe.example.com/").allowed
    assert blocklist.check("https://a.safe.example.com/").allowed
    assert not blocklist.check("https://example.com/").allowed
    assert not blocklist.check("https://unsafe.example.com/").allowed
    assert blocklist.check("https://forum.site.org/").allowed
    assert not blocklist.check("https://site.org/").allowed


def test_an_exception_above_an_entry_wins():
    blocklist = listing(("forum.example.com", "health"), exceptions=["example.com"])
    assert blocklist.check("https://forum.example.com/").allowed


def test_an_ip_address_may_be_excepted():
    blocklist = listing(("192.0.2.7", "piracy"), ("2001:db8::1", "piracy"), exceptions=["192.0.2.7", "[2001:DB8::1]"])
    assert blocklist.check("http://192.0.2.7/").allowed
    assert blocklist.check("http://[2001:db8::1]/").allowed


def test_an_exception_may_be_a_whole_public_suffix():
    blocklist = listing(("registre.gouv.fr", "justice"), ("example.com", "adult"), exceptions=["gouv.fr"])
    assert blocklist.check("https://www.registre.gouv.fr/").allowed
    assert not blocklist.check("https://example.com/").allowed


@pytest.mark.parametrize("bad", ["", "com", "http://example.com/x", "a b.com"])
def test_a_bad_exception_is_a_real_error(bad):
    with pytest.raises(ValueError, match="exception"):
        Blocklist(exceptions=[bad])


def test_disabled_categories_are_never_blocked_even_when_added_later():
    blocklist = Blocklist(categories=["health"])
    blocklist.add([Entry("porn.example", "adult", "x"), Entry("forum.example", "health", "x")])
    assert blocklist.check("https://porn.example/").allowed
    assert not blocklist.check("https://forum.example/").allowed
    assert blocklist.counts() == {"health": 1}


def test_unknown_categories_are_real_errors():
    with pytest.raises(ValueError, match="gambling"):
        Blocklist(categories=["health", "gambling"])
    with pytest.raises(ValueError, match="gambling"):
        Entry("example.com", "gambling", "x")


def test_counts_and_sources_by_category():
    blocklist = Blocklist(categories=["adult", "dating", "piracy"])
    blocklist.add([Entry("a.com", "adult", "ut1"), Entry("b.com", "adult", "mine"), Entry("c.com", "dating", "ut1")])
    assert blocklist.counts() == {"dating": 1, "adult": 2, "piracy": 0}
    assert blocklist.sources() == {"dating": ["ut1"], "adult": ["ut1", "mine"], "piracy": []}
    assert len(blocklist) == 3


# --- Entries and host normalisation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("Example.COM", "example.com"),
        ("www.example.com.", "example.com"),
        ("  sub.example.co.uk  ", "sub.example.co.uk"),
        ("bücher.de", "xn--bcher-kva.de"),
        ("hard_sexe.x-film.us", "hard_sexe.x-film.us"),
        ("203.0.113.9", "203.0.113.9"),
        ("[2001:DB8::0:1]", "2001:db8::1"),
        ("foo.blogspot.com", "foo.blogspot.com"),
        ("co.uk", None),
        ("gouv.fr", None),
        ("github.io", None),
        ("blogspot.com", None),
        ("com", None),
        ("www.com", None),
        ("localhost", None),
        ("exa mple.com", None),
        ("-bad-.com", None),
        ("example..com", None),
        ("example.123", None),
        ("1.2.3", None),
        ("a" * 64 + ".com", None),
        ("", None),
    ],
)
def test_normalize_host(text, host):
    assert normalize_host(text) == host


def test_an_entry_holds_a_normalised_host_or_is_refused():
    assert Entry("WWW.Example.com", "adult", "x").host == "example.com"
    with pytest.raises(ValueError, match="host"):
        Entry("co.uk", "adult", "x")


# --- Importers --------------------------------------------------------------------------------------------


def test_read_domain_list_skips_junk_lines(tmp_path):
    path = tmp_path / "list.txt"
    path.write_bytes(
        b"# a comment\r\n"
        b"\r\n"
        b"www.Dating.example\r\n"
        b"https://www.films.example:8080/path?q=1\r\n"
        b"pirate.example/some/page\r\n"
        b"0.0.0.0 hosts-file.example\r\n"
        b"trailing.example.   # inline remark\r\n"
        b"not a host line\r\n"
        b"single\r\n"
        b"co.uk\r\n"
        b"bad..dots.example\r\n"
        b"\xff\xfe broken bytes\r\n"
        b"http://[broken\r\n"
        b"198.51.100.4\r\n"
        b"b\xc3\xbccher.example\r\n"
    )
    entries = list(read_domain_list(path, "dating", "mine"))
    assert [e.host for e in entries] == [
        "dating.example",
        "films.example",
        "pirate.example",
        "hosts-file.example",
        "trailing.example",
        "198.51.100.4",
        "xn--bcher-kva.example",
    ]
    assert {(e.category, e.source) for e in entries} == {("dating", "mine")}


def test_read_ut1_reads_ut1_folders(tmp_path):
    for category, hosts in {
        "dating": "meet.example\nwww.love.example\n",
        "sect": "cult.example\n",
        "mixed_adult": "general-site.example\n",
        "lingerie": "shop.example\n",
    }.items():
        (tmp_path / category).mkdir()
        (tmp_path / category / "domains").write_text(hosts)
        (tmp_path / category / "urls").write_text("news.example/a-page-about-it\n")
    (tmp_path / "warez").mkdir()
    with gzip.open(tmp_path / "warez" / "domains.gz", "wt") as packed:
        packed.write("torrents.example\n")
    entries = sorted((e.host, e.category, e.source) for e in read_ut1(tmp_path))
    assert entries == [
        ("cult.example", "religion", "ut1"),
        ("love.example", "dating", "ut1"),
        ("meet.example", "dating", "ut1"),
        ("torrents.example", "piracy", "ut1"),
    ]


def test_read_ut1_reads_flat_files_and_takes_a_mapping(tmp_path):
    (tmp_path / "dating.txt").write_text("meet.example\n")
    (tmp_path / "gambling.txt").write_text("casino.example\n")
    assert [e.host for e in read_ut1(tmp_path)] == ["meet.example"]
    mapped = list(read_ut1(tmp_path, {"gambling": "adult"}, source="ut1-local"))
    assert mapped == [Entry("casino.example", "adult", "ut1-local")]
    with pytest.raises(ValueError, match="gambling"):
        list(read_ut1(tmp_path, {"dating": "gambling"}))


def test_read_ut1_on_an_empty_folder_gives_nothing(tmp_path):
    assert list(read_ut1(tmp_path)) == []


def test_read_category_file(tmp_path):
    path = tmp_path / "health.tsv"
    path.write_text(
        "# header\n"
        "forum.patients.example\tmoisson-curated\ta patients' forum\n"
        "other.example\tut1\n"
        "no-source.example\n"
        "not valid\tut1\n"
        "co.uk\tut1\n"
    )
    assert [(e.host, e.source) for e in read_category_file(path, "health")] == [
        ("forum.patients.example", "moisson-curated"),
        ("other.example", "ut1"),
        ("no-source.example", "file:health.tsv"),
    ]


def test_load_a_folder_of_category_files(tmp_path):
    (tmp_path / "adult.tsv").write_text("porn.example\tmine\n")
    (tmp_path / "piracy.tsv").write_text("pirate.example\tmine\n")
    blocklist = Blocklist.load(tmp_path, categories=["adult", "health"], exceptions=["ok.porn.example"])
    assert blocklist.counts() == {"health": 0, "adult": 1}
    assert not blocklist.check("https://porn.example/").allowed
    assert blocklist.check("https://ok.porn.example/").allowed
    assert blocklist.check("https://pirate.example/").allowed


# --- The shipped lists ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Blocklist:
    return Blocklist.load()


def test_every_shipped_category_is_non_empty(shipped):
    counts = shipped.counts()
    assert list(counts) == list(CATEGORIES)
    assert all(counts[category] > 0 for category in CATEGORIES), counts
    assert len(shipped) > 5000


def test_every_shipped_line_is_valid_traceable_and_listed_once():
    described = read_sources()
    seen: dict[str, str] = {}
    for category in CATEGORIES:
        path = BLOCKLISTS / f"{category}.tsv"
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
        entries = list(read_category_file(path, category))
        assert len(entries) == len(lines), f"{path.name} has lines that are not valid entries"
        for line, entry in zip(lines, entries, strict=True):
            assert entry.source in described, f"{path.name}: {line!r} has an undescribed source"
            if entry.source == "moisson-curated":
                assert len(line.split("\t")) == 3 and line.split("\t")[2].strip(), f"no note: {line!r}"
            assert entry.host not in seen, f"{entry.host} is in {seen.get(entry.host)} and {category}"
            seen[entry.host] = category
    for source in described.values():
        assert {"name", "url", "licence", "retrieved", "imported", "import"} <= set(source)


def test_shipped_data_stays_small():
    total = sum(path.stat().st_size for path in BLOCKLISTS.iterdir() if path.is_file())
    assert total < 5_000_000


def test_shipped_host_level_entries(shipped):
    assert shipped.check("https://forum.doctissimo.fr/sante/diabete/sujet_1.htm").detail == "health"
    assert shipped.check("https://www.doctissimo.fr/sante/diabete").allowed
    assert shipped.check("https://csn.cancer.org/").detail == "health"
    assert shipped.check("https://www.cancer.org/").allowed
    assert shipped.check("https://scratch.mit.edu/projects/1").detail == "minors"
    assert shipped.check("https://www.mit.edu/").allowed


# Popular news, reference, government, health-information, religion-information, political-news and general
# sites: none may be blocked. vatican.va is the Holy See's official site (a state's and a church's doctrine and
# news, no members' pages): like the other official sites of established faiths, it is not a faith community.
NEVER_BLOCKED = """
lemonde.fr lefigaro.fr liberation.fr francetvinfo.fr ouest-france.fr leparisien.fr 20minutes.fr mediapart.fr
lesechos.fr la-croix.com bbc.co.uk bbc.com theguardian.com nytimes.com washingtonpost.com reuters.com apnews.com
cnn.com politico.com politico.eu realclearpolitics.com commondreams.org torrentfreak.com
wikipedia.org fr.wikipedia.org wiktionary.org britannica.com larousse.fr archive.org ballotpedia.org
whatis.techtarget.com imdb.com allocine.fr
who.int ameli.fr nhs.uk cdc.gov nih.gov pubmed.ncbi.nlm.nih.gov mayoclinic.org doctissimo.fr vidal.fr
has-sante.fr santepubliquefrance.fr webmd.com patient.info cancer.org babycenter.com plannedparenthood.org
onsexprime.fr doctolib.fr
legifrance.gouv.fr service-public.fr gouvernement.fr elysee.fr assemblee-nationale.fr senat.fr vie-publique.fr
courdecassation.fr conseil-constitutionnel.fr cnil.fr insee.fr data.gouv.fr courtlistener.com law.cornell.edu
law.justia.com doctrine.fr europa.eu eur-lex.europa.eu gov.uk parliament.uk whitehouse.gov uscourts.gov
vatican.va eglise.catholique.fr biblegateway.com chabad.org churchofjesuschrist.org
github.com google.com youtube.com reddit.com stackoverflow.com mozilla.org amazon.com linkedin.com facebook.com
x.com instagram.com wordpress.com someone.blogspot.com medium.com leboncoin.fr pagesjaunes.fr yellowpages.com
societe.com familysearch.org meetup.com eventbrite.com deviantart.com archiveofourown.org vice.com mediafire.com
mega.nz utorrent.com opensubtitles.org foursquare.com lexisnexis.com mit.edu arxiv.org hal.science adultswim.com
sankakucomplex.com 4chan.org tmz.com istockphoto.com newgrounds.com victoriassecret.com urbanoutfitters.com
docs.google.com
"""


@pytest.mark.parametrize("host", NEVER_BLOCKED.split())
def test_no_false_block(shipped, host):
    assert shipped.match(f"https://www.{host}/") is None
    assert shipped.match(f"https://{host}/some/page") is None
