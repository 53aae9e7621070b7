"""Personal data in text: keyed pseudonyms, the key they come from, and what the pseudonymiser replaces."""

from __future__ import annotations

import re
import stat
import subprocess
import sys

import pytest
from conftest import TESTS

from filters.pii import Keyring, PiiKeyError, Pseudonymiser, load_key

KEY = bytes(range(32))
OTHER_KEY = bytes(range(32, 64))
TOKEN = re.compile(r"<[A-Z_]+_[0-9a-f]{8}>")


@pytest.fixture(scope="module")
def pseudonymiser() -> Pseudonymiser:
    """One pseudonymiser for the module: loading the spaCy pipelines takes seconds."""
    return Pseudonymiser(Keyring(KEY))


@pytest.mark.parametrize(
    ("entity_type", "spellings", "region"),
    [
        ("EMAIL_ADDRESS", ["Jean.Dupont@Example.FR", "jean.dupont@example.fr"], None),
        ("PHONE_NUMBER", ["06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78"], "FR"),
        ("PERSON", ["Élodie Marchand", "ELODIE MARCHAND", "Mme Élodie Marchand"], None),
    ],
)
def test_spellings_of_one_identifier_share_a_token(entity_type, spellings, region):
    keyring = Keyring(KEY)
    tokens = {keyring.token(entity_type, spelling, region) for spelling in spellings}
    assert len(tokens) == 1
    assert TOKEN.fullmatch(tokens.pop())


def test_two_keys_give_two_tokens():
    value = "elodie.marchand@quartier-vivant.fr"
    assert Keyring(KEY).token("EMAIL_ADDRESS", value) != Keyring(OTHER_KEY).token("EMAIL_ADDRESS", value)
    assert Keyring(KEY).key_id() != Keyring(OTHER_KEY).key_id()


def test_the_key_never_shows_in_a_keyring_repr():
    shown = repr(Keyring(KEY)) + str(Keyring(KEY))
    assert KEY.hex() not in shown and repr(KEY) not in shown


def test_key_file_is_created_private_and_read_back(tmp_path):
    path = tmp_path / "keys" / "pii.key"
    key, created = load_key(path)
    assert created and len(key) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_text() == key.hex() + "\n"
    assert load_key(path) == (key, False)


def test_key_file_readable_by_others_is_refused(tmp_path):
    path = tmp_path / "pii.key"
    path.write_text(KEY.hex() + "\n")
    path.chmod(0o644)
    with pytest.raises(PiiKeyError, match="chmod 600"):
        load_key(path)


def test_key_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MOISSON_TEST_KEY", OTHER_KEY.hex())
    assert load_key(tmp_path / "unused.key", "MOISSON_TEST_KEY") == (OTHER_KEY, False)
    assert not (tmp_path / "unused.key").exists()


@pytest.mark.parametrize("value", [None, "too-short-for-a-key"])
def test_missing_or_short_key_in_the_environment_is_refused(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("MOISSON_TEST_KEY", raising=False)
    else:
        monkeypatch.setenv("MOISSON_TEST_KEY", value)
    with pytest.raises(PiiKeyError, match="MOISSON_TEST_KEY"):
        load_key(None, "MOISSON_TEST_KEY")


# One value of each type, in a sentence where it would be written: (type, value, language, sentence).
IDENTIFIERS = [
    ("PERSON", "Élodie Marchand", "fr", "Pour l'arrosage, voyez avec {}, qui coordonne le jardin."),
    ("PERSON", "Karim Benali", "fr", "La trésorerie est suivie par M. {} le samedi matin."),
    ("PERSON", "Nguyen", "fr", "Pour essayer le vélo, contactez Mme {} en soirée."),
    ("PERSON", "Thomas Whitfield", "en", "The exchange is organised by Mr. {}, who finds the host families."),
    ("EMAIL_ADDRESS", "elodie.marchand@quartier-vivant.fr", "fr", "Écrivez à {} pour vous inscrire."),
    ("EMAIL_ADDRESS", "thomas.whitfield@brightongardens.org.uk", "en", "Write to {} to join."),
    ("PHONE_NUMBER", "06 12 34 56 78", "fr", "Appelez-la au {} en semaine après 18 heures."),
    ("PHONE_NUMBER", "+33 6 12 34 56 78", "fr", "Envoyez un SMS au {} avec vos semaines."),
    ("PHONE_NUMBER", "04 78 62 15 90", "fr", "Laissez un message au secrétariat au {}."),
    ("PHONE_NUMBER", "+44 20 7946 0958", "en", "You can reach him on {} during office hours."),
    ("STREET_ADDRESS", "12 rue des Lilas, 69003 Lyon", "fr", "Notre local est ouvert le samedi au {}."),
    ("IBAN_CODE", "FR76 3000 4018 3000 0123 4567 846", "fr", "Pour un virement, notre IBAN : {}."),
    ("CREDIT_CARD", "4970 1012 3456 7893", "fr", "J'ai payé en ligne avec ma carte {} hier soir."),
    ("IP_ADDRESS", "86.247.113.52", "fr", "Le message envoyé depuis l'adresse IP {} a été masqué."),
    ("FR_NIR", "2 85 03 69 123 456 56", "fr", "Mon numéro de sécurité sociale est le {}."),
    ("US_SSN", "536-22-8714", "en", "His social security number (SSN) is {}, the form says."),
    ("UK_NINO", "JG 10 37 59 A", "en", "Her National Insurance number is {} on the payslip."),
    ("UK_NHS", "943 476 5919", "en", "My NHS number is {}, printed on the letter."),
]


@pytest.mark.parametrize(
    ("entity_type", "value", "language", "sentence"), IDENTIFIERS, ids=[f"{t}-{v}" for t, v, *_ in IDENTIFIERS]
)
def test_each_kind_of_identifier_is_replaced_by_its_token(pseudonymiser, entity_type, value, language, sentence):
    result = pseudonymiser.pseudonymise(sentence.format(value), language)
    token = Keyring(KEY).token(entity_type, value, "FR" if language == "fr" else None)
    assert value not in result.text
    assert token in result.text, result.text
    assert result.counts.get(entity_type, 0) >= 1


@pytest.mark.parametrize(
    ("title", "language", "sentence"),
    [
        ("M.", "fr", "La trésorerie est suivie par M. Karim Benali le samedi matin."),
        ("Mme", "fr", "Pour essayer le vélo, contactez Mme Nguyen en soirée."),
        ("Mr.", "en", "The exchange is organised by Mr. Thomas Whitfield, who finds the host families."),
    ],
)
def test_a_title_stays_before_the_replaced_name(pseudonymiser, title, language, sentence):
    result = pseudonymiser.pseudonymise(sentence, language)
    assert re.search(re.escape(title) + r" <PERSON_[0-9a-f]{8}>", result.text), result.text


def test_hashes_of_emails_phones_and_names_are_kept_for_opt_outs(pseudonymiser):
    text = "Présidente : Élodie Marchand, elodie.marchand@quartier-vivant.fr, 06 12 34 56 78."
    result = pseudonymiser.pseudonymise(text, "fr")
    keyring = Keyring(KEY)
    expected = {
        keyring.digest("PERSON", "Élodie Marchand"),
        keyring.digest("EMAIL_ADDRESS", "elodie.marchand@quartier-vivant.fr"),
        keyring.digest("PHONE_NUMBER", "06 12 34 56 78", "FR"),
    }
    assert set(result.hashes) == expected
    assert [text[f.start : f.end] for f in result.found] == [
        "Élodie Marchand",
        "elodie.marchand@quartier-vivant.fr",
        "06 12 34 56 78",
    ]


def test_a_nir_with_a_wrong_key_is_not_a_nir(pseudonymiser):
    result = pseudonymiser.pseudonymise("Mon numéro de sécurité sociale est le 2 85 03 69 123 456 57.", "fr")
    assert "FR_NIR" not in result.counts


def test_a_card_number_failing_luhn_is_not_a_card(pseudonymiser):
    result = pseudonymiser.pseudonymise("J'ai payé en ligne avec ma carte 4970 1012 3456 7890 hier soir.", "fr")
    assert "CREDIT_CARD" not in result.counts


NEUTRAL_FR = (
    "La réunion mensuelle aura lieu dans la salle polyvalente. Le panier de légumes coûte 12,50 € et la commande "
    "n° 48213 sera distribuée le 14/03/2026 à partir de 17 heures."
)
NEUTRAL_EN = "The next visit is planned for the last week of April; the coach leaves at 7.30 and costs £12.50."


@pytest.mark.parametrize(("text", "language"), [(NEUTRAL_FR, "fr"), (NEUTRAL_EN, "en")])
def test_text_without_personal_data_comes_back_identical(pseudonymiser, text, language):
    result = pseudonymiser.pseudonymise(text, language)
    assert (result.text, result.counts, result.hashes) == (text, {}, ())


# Run in a fresh process whose sockets refuse to resolve or connect: e-mail validation must not fetch the public
# suffix list (tldextract's default does, on first use with an empty cache).
OFFLINE_EMAIL = """
import socket

attempts = []

def refuse(*args, **kwargs):
    attempts.append(args)
    raise OSError("network disabled by the test")

socket.getaddrinfo = refuse
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse

from filters.pii import Keyring, Pseudonymiser

keyring = Keyring(bytes(range(32)))
result = Pseudonymiser(keyring).pseudonymise("Écrivez à jean.dupont@example.fr pour vous inscrire.", "fr")
assert keyring.token("EMAIL_ADDRESS", "jean.dupont@example.fr") in result.text, result.text
assert attempts == [], attempts
print("ok")
"""


def test_emails_are_found_with_the_network_down(tmp_path):
    env = {"TLDEXTRACT_CACHE": str(tmp_path / "tldextract"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_EMAIL],
        capture_output=True,
        text=True,
        cwd=TESTS.parent,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


def test_forked_workers_give_the_same_output_as_one_process(pseudonymiser):
    texts = [
        f"Message {i} : écrivez à Élodie Marchand, elodie{i}@quartier-vivant.fr, ou au 06 12 34 56 {i:02d}."
        for i in range(40)
    ]
    alone = pseudonymiser.pseudonymise_many(texts, ["fr"] * len(texts))
    forked = Pseudonymiser(pseudonymiser.keyring, pseudonymiser.analyzer, processes=2)
    assert forked.pseudonymise_many(texts, ["fr"] * len(texts)) == alone
    assert all("Élodie" not in result.text and "@" not in result.text for result in alone)


def test_a_long_text_of_repeated_lines_is_kept_whole(pseudonymiser):
    line = "Le marché aura lieu place de la Mairie, le samedi matin, par tous les temps."
    text = "\n".join([line] * 5000 + ["Contact : Karim Benali, 04 78 62 15 90."] + [line] * 5000)
    result = pseudonymiser.pseudonymise(text, "fr")
    assert result.text.count(line) == 10000
    assert "Benali" not in result.text and "04 78 62 15 90" not in result.text
    assert result.counts == {"PERSON": 1, "PHONE_NUMBER": 1}


def test_what_a_call_replaces_does_not_depend_on_the_bounded_cache(pseudonymiser, monkeypatch):
    # More distinct chunks in one call than the cache holds: none may come back unreplaced.
    monkeypatch.setattr("filters.pii._SEEN_MAX", 2)
    texts = [f"Bonjour, écrivez à karim.benali{i}@quartier-vivant.fr pour la réunion numéro {i}." for i in range(6)]
    fresh = Pseudonymiser(pseudonymiser.keyring, pseudonymiser.analyzer)
    results = fresh.pseudonymise_many(texts, ["fr"] * len(texts))
    assert all("@" not in result.text and result.counts.get("EMAIL_ADDRESS") == 1 for result in results)


def test_a_page_in_a_language_without_a_pipeline_gets_name_lists_and_patterns_not_ner(pseudonymiser):
    text = (
        "Können Sie uns helfen? Eine Sache noch: Angela Merkel traf gestern Stefan Wagner in Berlin.\n"
        "Schreiben Sie an stefan.wagner@example.de oder rufen Sie +49 30 1234567 an."
    )
    result = pseudonymiser.pseudonymise(text, "de")
    assert "Angela Merkel" not in result.text and "Stefan Wagner" not in result.text
    assert "stefan.wagner@example.de" not in result.text and "1234567" not in result.text
    # German capitalises pronouns and nouns: its stop words are no names (a noun that is also a listed
    # surname, like "Sache", still is: a known limit).
    assert "Können Sie uns helfen? Eine " in result.text and "Schreiben Sie an " in result.text
    assert pseudonymiser.other_language("de-AT") == "de" and pseudonymiser.other_language("fr") == ""
    assert pseudonymiser.other_language(None) == ""  # undeclared: read as English, with NER
