"""The curated gazetteers: the packaged data is valid and real, lookups find the names minutes use."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.lexicons import gazetteer as gz
from kg.lexicons.gazetteer import GazetteerError, lookup_organization, normalize

RESOURCES = Path(gz.__file__).parent.parent / "resources"
GOLD = Path(__file__).parent.parent / "data" / "gold"

PARLIAMENTARY_PARTIES = {
    "socialdemokraterna": "S", "moderaterna": "M", "sverigedemokraterna": "SD", "centerpartiet": "C",
    "vansterpartiet": "V", "kristdemokraterna": "KD", "liberalerna": "L", "miljopartiet": "MP",
}
FAMILJEN_HELSINGBORG = (
    "bjuvs-kommun", "bastads-kommun", "helsingborgs-stad", "hoganas-kommun", "klippans-kommun",
    "landskrona-stad", "perstorps-kommun", "svalovs-kommun", "astorps-kommun", "angelholms-kommun",
    "orkelljunga-kommun",
)


def by_type(kind: str) -> list[gz.OrgEntry]:
    return [entry for entry in gz.load_organizations() if entry.type == kind]


def write_tsv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "organizations.tsv"
    path.write_text("# analyst's own list\nkey\tpref_label\talt_labels\ttype\tparent\tshared\n"
                    + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the packaged data

def test_packaged_organizations_load_and_are_sorted_by_key():
    lines = [line for line in (RESOURCES / "organizations.tsv").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    keys = [line.split("\t")[0] for line in lines[1:]]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys))
    assert [entry.key for entry in gz.load_organizations()] == keys


def test_every_parent_is_a_key():
    keys = {entry.key for entry in gz.load_organizations()}
    assert {entry.parent for entry in gz.load_organizations() if entry.parent} <= keys


def test_all_290_municipalities_and_21_regions():
    assert len(by_type("municipality")) == 290
    assert len(by_type("region")) == 21
    assert all(entry.parent is None for entry in by_type("municipality"))


def test_the_eight_parliamentary_parties_with_their_letters():
    parties = {entry.key: entry for entry in by_type("party")}
    for key, letter in PARLIAMENTARY_PARTIES.items():
        assert letter in parties[key].alt_labels


def test_one_county_board_per_county_under_the_generic_one():
    boards = [entry for entry in gz.load_organizations() if entry.parent == "lansstyrelsen"]
    assert len(boards) == 21
    assert all(entry.pref_label.startswith("Länsstyrelsen i ") for entry in boards)


@pytest.mark.parametrize("key", FAMILJEN_HELSINGBORG)
def test_familjen_helsingborg_municipalities_are_parent_free(key):
    assert gz.organization(key).type == "municipality"
    assert gz.organization(key).parent is None


@pytest.mark.parametrize(("key", "official"), [
    ("bjuvs-kommun", "Bjuvs kommun"),
    ("astorps-kommun", "Åstorps kommun"),
    ("helsingborgs-stad", "Helsingborgs stad"),
    ("landskrona-stad", "Landskrona stad"),
    ("malmo-stad", "Malmö stad"),
    ("goteborgs-stad", "Göteborgs Stad"),
    ("stockholms-stad", "Stockholms stad"),
    ("boras-stad", "Borås Stad"),
    ("vannas-kommun", "Vännäs kommun"),
    ("hoganas-kommun", "Höganäs kommun"),
    ("falu-kommun", "Falu kommun"),
    ("orkelljunga-kommun", "Örkelljunga kommun"),
    ("upplands-vasby-kommun", "Upplands Väsby kommun"),
])
def test_municipalities_carry_their_own_official_form(key, official):
    assert gz.organization(key).pref_label == official


# --------------------------------------------------------------------------- lookups

@pytest.mark.parametrize(("surface", "key"), [
    ("Bjuv", "bjuvs-kommun"),
    ("Åstorp", "astorps-kommun"),
    ("Astorp", "astorps-kommun"),                      # OCR lost the ring
    ("Ängelholm", "angelholms-kommun"),
    ("Helsingborgs Stad", "helsingborgs-stad"),
    ("Helsingborgs kommun", "helsingborgs-stad"),
    ("Göteborgs kommun", "goteborgs-stad"),
    ("Falun", "falu-kommun"),
    ("Vara kommun", "vara-kommun"),
    ("SFF", "helsingborg-skol-och-fritidsforvaltningen"),
    ("Skol - och fritidsförvaltningen", "helsingborg-skol-och-fritidsforvaltningen"),
    ("skol- och fritidsforvaltningen", "helsingborg-skol-och-fritidsforvaltningen"),
    ("SOF", "helsingborg-socialforvaltningen"),
    ("socialtjänsten", "helsingborg-socialforvaltningen"),
    ("AMF", "helsingborg-arbetsmarknadsforvaltningen"),
    ("HSS", "helsingborgs-stads-skolor"),
    ("KC", "helsingborg-kontaktcenter"),
    ("PC", "helsingborg-pedagogiskt-center"),
    ("BUN", "helsingborg-barn-och-utbildningsnamnden"),
    ("Karlstad universitet", "karlstads-universitet"),
    ("Karlstads universitet", "karlstads-universitet"),
    ("KAU", "karlstads-universitet"),
    ("CTF", "centrum-for-tjansteforskning"),
    ("SKR", "sveriges-kommuner-och-regioner"),
    ("Sveriges Kommuner och Landsting", "sveriges-kommuner-och-regioner"),
    ("SKL", "sveriges-kommuner-och-regioner"),
    ("Högsta domstolen", "hogsta-domstolen"),
    ("HD", "hogsta-domstolen"),
    ("Regeringsrätten", "hogsta-forvaltningsdomstolen"),
    ("Statens skolverk", "skolverket"),
    ("IVO", "inspektionen-for-vard-och-omsorg"),
    ("Polismyndigheten", "polisen"),
    ("polisen", "polisen"),
    ("Länsstyrelsen", "lansstyrelsen"),
    ("Länsstyrelsen Skåne", "lansstyrelsen-skane"),
    ("Lansstyrelsen i Skane lan", "lansstyrelsen-skane"),
    ("Familjen Helsingborg", "familjen-helsingborg"),
    ("Open College Network", "open-college-network"),
    ("OCN", "open-college-network"),
    ("Mindpark Helsingborg", "mindpark"),
    ("Folkpartiet", "liberalerna"),
    ("(S)", "socialdemokraterna"),
    ("MP", "miljopartiet"),
    ("Västra Götalandsregionen", "vastra-gotalandsregionen"),
    ("Landstinget Dalarna", "region-dalarna"),
])
def test_lookup_finds_the_names_minutes_use(surface, key):
    assert lookup_organization(surface) == (key,)


@pytest.mark.parametrize("surface", [
    "v",              # "v 7" is a week, not Vänsterpartiet
    "Lo",             # a given name, not LO
    "Regionen",       # whichever region the text is about
    "Familjen",
    "sekretariatet",
    "Kommunstyrelsen",  # every municipality has one: group_names.txt
    "Vara",           # a verb before it is a town
    "Mark",
])
def test_context_words_and_lower_case_abbreviations_name_no_organisation(surface):
    assert lookup_organization(surface) == ()


def test_index_agrees_with_lookup_for_ordinary_names():
    index = gz.org_alias_index()
    sff = ["helsingborg-skol-och-fritidsforvaltningen"]
    assert index[normalize("Skol - och fritidsförvaltningen")] == sff
    assert index["bjuv"] == ["bjuvs-kommun"]


def test_index_is_a_fresh_copy():
    gz.org_alias_index()["bjuv"].append("nonsense")
    assert gz.org_alias_index()["bjuv"] == ["bjuvs-kommun"]


def test_names_scoped_to_helsingborg_are_not_used_for_another_municipality():
    assert gz.org_scope("helsingborgs-stads-skolor") == "helsingborgs-stad"
    assert gz.org_scope("skolverket") is None
    sof = ("helsingborg-socialforvaltningen",)
    assert lookup_organization("Socialförvaltningen", scope="helsingborgs-stad") == sof
    assert lookup_organization("Socialförvaltningen", scope="bjuvs-kommun") == ()
    assert lookup_organization("Skolverket", scope="bjuvs-kommun") == ("skolverket",)


@pytest.mark.parametrize(("surface", "keys"), [
    ("Håbo", ("haabo-kommun",)),
    ("Håbo kommun", ("haabo-kommun",)),
    ("Habo", ("haabo-kommun", "habo-kommun")),          # no diacritic: OCR may have lost the ring
    ("HABO KOMMUN", ("haabo-kommun", "habo-kommun")),
])
def test_habo_and_habo_differ_only_by_a_ring(surface, keys):
    assert lookup_organization(surface) == keys


def test_generic_group_names_never_resolve_to_a_national_organisation():
    for name in gz.group_names():
        assert lookup_organization(name, scope="bjuvs-kommun") == (), name


@pytest.mark.parametrize(("alias", "name"), [
    ("LG", "Ledningsgruppen"),
    ("Styrgrupp", "Styrgruppen"),
    ("KSAU", "Kommunstyrelsens arbetsutskott"),
    ("Verksamhetschefsgruppen", "Verksamhetschefsgruppen"),
    ("omlottgruppen", "Omlottgruppen"),
    ("Elevhälsa", "Elevhälsan"),
    ("Krimteamet", "Krimteamet"),
])
def test_group_aliases(alias, name):
    assert gz.group_alias_index()[normalize(alias)] == name


# --------------------------------------------------------------------------- against the gold annotations

CONTEXT_ONLY = {"nämnden", "Regionen", "Familjen", "sekretariatet", "staden"}


def gold_organizations() -> list[dict]:
    return [org for path in sorted(GOLD.glob("0*.json"))
            for org in json.loads(path.read_text(encoding="utf-8"))["organizations"]]


@pytest.mark.parametrize("org", [org for org in gold_organizations() if org["core"]],
                         ids=lambda org: org["name"])
def test_every_core_gold_organisation_is_known(org):
    found = lookup_organization(org["name"], scope="helsingborgs-stad")
    assert len(found) == 1 or normalize(org["name"]) in gz.group_alias_index()
    for alias in set(org["aliases"]) - CONTEXT_ONLY:
        also = lookup_organization(alias, scope="helsingborgs-stad")
        refined = [key for key in also if gz.organization(key).parent in found]
        assert also == found or refined, alias


# --------------------------------------------------------------------------- validation of analysts' files

def test_an_analysts_file_replaces_the_packaged_one(tmp_path):
    path = write_tsv(tmp_path, "eslovs-kommun\tEslövs kommun\tEslöv\tmunicipality",
                     "eslov-kulturnamnden\tKulturnämnden\t\tboard\teslovs-kommun")
    assert [entry.key for entry in gz.load_organizations(path)] == ["eslov-kulturnamnden", "eslovs-kommun"]
    assert lookup_organization("Eslov", path=path) == ("eslovs-kommun",)


@pytest.mark.parametrize(("rows", "message"), [
    (["a\tA\t\tcompany", "a\tB\t\tcompany"], r":4: key 'a' already used on line 3"),
    (["a\tA\t\tcompany\tnowhere"], r":3: parent 'nowhere' of a is not a key"),
    (["a\tA\t\tfirm"], r":3: type 'firm' of a is unknown"),
    (["Bad Key\tA\t\tcompany"], r":3: key 'Bad Key' is not a slug"),
    (["a\tA\tAB\tcompany", "b\tB\tab\tcompany"], r":4: name 'ab' of b is already a name of a \(line 3\)"),
    (["a\tA\t\tcompany\tb", "b\tB\t\tcompany\ta"], r"is its own ancestor"),
    (["a\tA\tX\tcompany\t\tY"], r":3: shared name 'Y' is not a label of a"),
    (["a\tA"], r":3: expected 6 tab-separated columns, found 2"),
])
def test_invalid_rows_are_reported_with_their_line(tmp_path, rows, message):
    with pytest.raises(GazetteerError, match=message):
        gz.load_organizations(write_tsv(tmp_path, *rows))


def test_a_missing_header_is_reported(tmp_path):
    path = tmp_path / "orgs.tsv"
    path.write_text("a\tA\t\tcompany\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="header must be"):
        gz.load_organizations(path)


def test_a_name_shared_on_purpose_is_accepted(tmp_path):
    path = write_tsv(tmp_path, "a\tA\tX\tcompany\t\tX", "b\tB\tX\tcompany\t\tX")
    assert lookup_organization("X", path=path) == ("a", "b")


def test_the_same_name_in_two_municipalities_is_not_a_collision(tmp_path):
    path = write_tsv(tmp_path, "bjuvs-kommun\tBjuvs kommun\t\tmunicipality",
                     "bjuv-socialnamnden\tSocialnämnden\t\tboard\tbjuvs-kommun",
                     "eslov-socialnamnden\tSocialnämnden\t\tboard\teslovs-kommun",
                     "eslovs-kommun\tEslövs kommun\t\tmunicipality")
    assert lookup_organization("Socialnämnden", scope="eslovs-kommun", path=path) == ("eslov-socialnamnden",)


# --------------------------------------------------------------------------- normalize

@pytest.mark.parametrize(("text", "expected"), [
    ("Skol - och fritidsförvaltningen", "skol-och fritidsforvaltningen"),
    ("Skol- och fritidsförvaltningen", "skol-och fritidsforvaltningen"),
    ("SKOL-OCH FRITIDSFÖRVALTNINGEN", "skol-och fritidsforvaltningen"),
    ("Strategiskt chefsnätverk – arbete", "strategiskt chefsnatverk-arbete"),
    ("  Birgitta\u00a0 Forssman ", "birgitta forssman"),
    ("Skå\u00adlén", "skalen"),
    ("Jørgensen", "jorgensen"),
])
def test_normalize(text, expected):
    assert normalize(text) == expected


@given(st.text())
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@given(st.text())
def test_normalize_leaves_no_marks_and_no_loose_spaces(text):
    result = normalize(text)
    assert not any(unicodedata.combining(c) for c in result)
    assert result == result.strip() and "  " not in result and " -" not in result and "- " not in result


# --------------------------------------------------------------------------- person names

@pytest.mark.parametrize("name", ["Tony", "Mats", "Matz", "Birgitta", "Karin", "Thomas",
                                  "Annacarin", "Palle", "Gösta", "Gosta", "Åsa", "Asa", "Anna-Carin",
                                  "Charlotte", "Ardiana", "Samir", "Per", "Bo"])
def test_common_given_names_are_known(name):
    assert gz.is_probable_first_name(name)


@pytest.mark.parametrize("token", ["per", "bo", "lila", "Styrgruppen", "Nilsson", "Helsingborg", ""])
def test_words_and_surnames_are_not_given_names(token):
    assert not gz.is_probable_first_name(token)


def test_lila_is_left_to_context():
    # "lila" is the Swedish word for purple; the gold's Lila Ericsson is found from context
    assert not gz.is_probable_first_name("Lila")


@pytest.mark.parametrize("name", ["Nilsson", "Karlsson", "Andersson", "Pålsson", "Palsson", "Lundberg",
                                  "Holm-Persson", "Cederqvist", "Forssman", "Svenningsson"])
def test_common_surnames_are_known(name):
    assert gz.is_probable_surname(name)


def test_name_lists_are_large_and_normalised():
    assert len(gz.first_names()) >= 3000
    assert len(gz.surnames()) >= 1900
    assert all(name == normalize(name) for name in gz.first_names() | gz.surnames())


@pytest.mark.parametrize("filename", ["first_names.txt", "surnames.txt"])
def test_name_files_are_sorted_one_name_a_line_with_a_source_header(filename):
    text = (RESOURCES / filename).read_text(encoding="utf-8")
    assert text.startswith("# ") and "Sources" in text
    names = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert names == sorted(names, key=lambda name: (normalize(name), name))
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", name) for name in names)


def test_a_county_authority_without_i_is_the_same_organisation():
    from kg.lexicons.gazetteer import lookup_organization, organization
    key = lookup_organization("Länsstyrelsen i Dalarnas län")
    assert key and lookup_organization("Länsstyrelsen Dalarnas län") == key
    assert "Länsstyrelsen Dalarnas län" in organization(key[0]).alt_labels
    # a name without the county form gains nothing
    assert lookup_organization("Länsstyrelsen Dalarnas") == () or lookup_organization("Länsstyrelsen Dalarnas") == key


def test_the_county_form_in_protokoll_and_network_notes():
    from kg.extract import extract
    from kg.models import Document, Minutes
    for text in ("SN § 66\n\nYttrande till Länsstyrelsen Dalarnas län över ansökan om tillstånd.\n",
                 "Närvarande\nJonas Mårtensson, Länsstyrelsen Jämtlands län\nAnna Berg, Region Jämtland Härjedalen\n"):
        doc = Document(identifier="s.txt", path="s.txt", text=text, media_type="text/plain", sha256="0")
        ex = extract(Minutes(document=doc))
        names = {m.name for m in ex.mentions if m.kind == "organization"}
        assert any(n.startswith("Länsstyrelsen") for n in names), names
        spans = {text[m.span.start:m.span.end] for m in ex.mentions if m.kind == "organization"}
        assert any(s.endswith("län") and s.startswith("Länsstyrelsen") for s in spans), spans
