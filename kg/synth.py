"""Synthetic Swedish meeting minutes, for scale tests and benchmarks.

Real minutes are few and cannot be shared in bulk, so ``kg bench`` and the scale tests need a
corpus that looks like them and can be made at any size. Four genres are mixed, each written in
several variants as municipalities actually write them:

* ``ledningsgrupp``: a management group's notes (``Deltagare: A, B, C (sekr.)``, ``Frånvarande:``,
  numbered items ``1. Titel`` with ``Föredragande:`` lines, ``Beslut:`` and bullet points);
* ``protokoll``: a board's formal minutes (``Tid och plats``, ``Beslutande`` with party letters,
  ``Tjänstgörande ersättare``, ``Justerare``, ``§ 176 Dnr KS 2021/123``, ``att``-clauses, signatures;
  each ``att``-clause on its own line counts as one decision in the truth);
* ``natverk``: Markdown notes of a regional network of municipalities in the style of Familjen
  Helsingborg (``Plats och tid:``, timed items ``09.40 **Titel**``, absent members struck through);
* ``arbetsgrupp``: a working group's notes with unnumbered headings and running text.

Every document comes with its ground truth in the shape of the hand annotations in
``tests/data/gold`` (meeting, attendees, items with presenters, decisions verbatim, memberships),
so the pipeline can be scored on synthetic data exactly as on the real samples.

Output is a pure function of ``(seed, index)``: one ``random.Random`` per document, seeded with
the string ``"motesgraf-synth:<seed>:<index>"`` (string seeds are hashed with SHA-512, stable across
runs and Python versions). A plain ``seed + index`` would make seed 1 a shifted copy of seed 0.
Names come from ``kg/resources/first_names.txt`` and ``surnames.txt`` when those lists exist
(one name a line), otherwise from the short lists below; the corpus is deterministic for a given
set of name lists.
"""
from __future__ import annotations

import datetime as _dt
import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

GENRES: tuple[str, ...] = ("ledningsgrupp", "protokoll", "natverk", "arbetsgrupp")

RESOURCES = Path(__file__).parent / "resources"

# --------------------------------------------------------------------------------------------
# Names. Used only when kg/resources/first_names.txt / surnames.txt are missing or too short.

_FIRST_NAMES = """
Anna Eva Maria Karin Kristina Lena Sara Kerstin Emma Ingrid Marie Malin Jenny Birgitta Annika
Linda Susanne Elin Monica Hanna Inger Johanna Sofia Carina Elisabeth Helena Ulla Katarina Camilla
Åsa Ida Anneli Cecilia Louise Ulrika Julia Therese Lisa Frida Agneta Gunilla Charlotte Madeleine
Josefin Jessica Petra Viktoria Anette Caroline Linnea Matilda Amanda Elsa Ebba Klara Rebecca Lotta
Pia Margareta Marianne Yvonne Helen Pernilla Ylva Mia Tove Ellinor Nathalie Sanna Emelie Fatima
Amira Leila Ardiana Mirela Aisha Yasmin Zeynep Natalia Ewa Lolitha Lila Annacarin Gunnel Siv
Maja Alva Wilma Stina Agnes Jonna Sofie Regina Désirée Gabriella Lovisa Märta Solveig Tuva
Lars Mikael Anders Johan Per Erik Karl Peter Thomas Jan Daniel Fredrik Hans Andreas Stefan Mats
Magnus Mattias Jonas Niklas Martin Bengt Björn Marcus Henrik Bo Alexander Patrik Christer Viktor
Oskar Tobias Göran Joakim Robert Sebastian Jonathan Emil Simon Kristoffer Rickard David Leif Ulf
Tommy Kenneth Roger Gustav Olof Sven Gunnar Rolf Kjell Torbjörn Håkan Pär Jesper Linus Anton Axel
Filip Hugo Elias Adam Isak Ludvig Samir Ivan Ahmed Mohammed Omar Amir Tony Palle Matz Christian
Richard Herman Tomas Lennart Bertil Åke Örjan Claes Gösta Allan Ola Nils Arne Kent Jörgen Jimmy
Emir Dragan Mehmet Reza Krister Sören Ingemar Staffan Conny Benny Kristian Sixten Hampus Albin
""".split()

_SURNAMES = """
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson
Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Lindström Olofsson Lindqvist
Lindgren Berg Axelsson Bergström Lundberg Lind Lundgren Lundqvist Mattsson Berglund Fredriksson
Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund Danielsson Lundin Håkansson Björk
Bergman Gunnarsson Holm Wikström Samuelsson Isaksson Fransson Bergqvist Nyström Holmberg Arvidsson
Löfgren Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson Lundström Viklund Björklund
Eliasson Pålsson Berggren Sandström Lund Nordin Ström Åberg Hermansson Ekström Holmgren Sundberg
Hedlund Dahlberg Hellström Sjögren Abrahamsson Martinsson Öberg Andreasson Falk Blom Månsson
Åkesson Jensen Strand Forsman Hedman Krantz Ekberg Forssman Mufic Kafedzic Demjaha Yilmaz Nguyen
Hassan Rosengren Wickenberg Cederqvist Gullstrand Boman Ericsson Ingvarsson Redestig Kvist
Eskilsson Leffler Crespin Rikse Borgarve Norrby Seferidis Svenningsson Lundell Sjövall Ekman Dahl
Sundström Malmberg Strömberg Åström Nordqvist Hägg Lilja Roos Westerberg Grahn Wallén Lindholm
Sjöström Boström Engberg Åkerman Högberg Lindahl Berntsson Palm Rydberg Backman Lindell Hammar
Törnqvist Edlund Kjellberg Öhman Söderström Nylund Ahmadi Begović Kowalski Haddad Karimi Osman
""".split()


@cache
def _name_list(filename: str, fallback: tuple[str, ...]) -> tuple[str, ...]:
    """Names from a resource list when it exists and is usable (sorted, so order never matters)."""
    path = RESOURCES / filename
    names: set[str] = set()
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            name = re.split(r"[\t,;]", line.strip(), maxsplit=1)[0].strip()
            if name and not name.startswith("#") and _looks_like_name(name):
                names.add(name)
    if len(names) < 50:
        names = set(fallback)
    return tuple(sorted(names))


def _looks_like_name(name: str) -> bool:
    return name[0].isupper() and all(ch.isalpha() or ch in "-' " for ch in name) and len(name) <= 30


def first_names() -> tuple[str, ...]:
    return _name_list("first_names.txt", tuple(_FIRST_NAMES))


def surnames() -> tuple[str, ...]:
    return _name_list("surnames.txt", tuple(_SURNAMES))


# --------------------------------------------------------------------------------------------
# Places and organisations.

_NETWORKS: dict[str, tuple[str, tuple[str, ...]]] = {
    # name -> (mail domain, member municipalities)
    "Familjen Helsingborg": ("familjenhelsingborg.se", (
        "Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona", "Perstorp", "Svalöv",
        "Åstorp", "Ängelholm", "Örkelljunga")),
    "Sjuhärads kommunalförbund": ("boraskf.se", (
        "Bollebygd", "Borås", "Herrljunga", "Mark", "Svenljunga", "Tranemo", "Ulricehamn", "Vårgårda")),
    "Skaraborgs kommunalförbund": ("skaraborg.se", (
        "Essunga", "Falköping", "Grästorp", "Gullspång", "Götene", "Hjo", "Karlsborg", "Lidköping",
        "Mariestad", "Skara", "Skövde", "Tibro", "Tidaholm", "Töreboda", "Vara")),
    "Fyrbodals kommunalförbund": ("fyrbodal.se", (
        "Bengtsfors", "Dals-Ed", "Färgelanda", "Lysekil", "Mellerud", "Munkedal", "Orust", "Sotenäs",
        "Strömstad", "Tanum", "Trollhättan", "Uddevalla", "Vänersborg", "Åmål")),
    "Göteborgsregionen": ("goteborgsregionen.se", (
        "Ale", "Alingsås", "Göteborg", "Härryda", "Kungsbacka", "Kungälv", "Lerum", "Lilla Edet",
        "Mölndal", "Partille", "Stenungsund", "Tjörn", "Öckerö")),
}

MUNICIPALITIES: tuple[str, ...] = tuple(sorted({m for _, ms in _NETWORKS.values() for m in ms} | {
    "Stockholm", "Uppsala", "Linköping", "Norrköping", "Örebro", "Västerås", "Umeå", "Luleå", "Gävle",
    "Sundsvall", "Jönköping", "Växjö", "Kalmar", "Karlstad", "Falun", "Östersund", "Lund", "Malmö",
    "Kristianstad", "Halmstad", "Eskilstuna", "Nyköping", "Kiruna", "Skellefteå", "Borlänge", "Motala",
    "Värnamo", "Ystad", "Trelleborg", "Hässleholm", "Varberg", "Solna", "Sundbyberg", "Lidingö",
    "Nacka", "Huddinge", "Södertälje", "Botkyrka", "Sigtuna", "Enköping", "Katrineholm", "Karlskrona",
    "Ronneby", "Västervik", "Piteå", "Härnösand", "Örnsköldsvik", "Mora", "Arvika",
}))

_CITIES = {"Stockholm", "Göteborg", "Malmö", "Helsingborg", "Landskrona", "Mölndal", "Solna",
           "Sundbyberg", "Lidingö", "Trollhättan", "Vänersborg"}
_GENITIVE_EXCEPTIONS = {"Falun": "Falu"}


def genitive(name: str) -> str:
    """Swedish genitive of a place or organisation name: Lund -> Lunds, Borås -> Borås, Vara -> Vara."""
    if name in _GENITIVE_EXCEPTIONS:
        return _GENITIVE_EXCEPTIONS[name]
    return name if name[-1].lower() in "sxzaeiouyåäö" else name + "s"


def municipality_org(name: str) -> str:
    """The organisation's official-style name: Helsingborgs stad, Vara kommun, Lunds kommun."""
    return f"{genitive(name)} {'stad' if name in _CITIES else 'kommun'}"


# (definite lower-case name, abbreviation or None)
_ADMINISTRATIONS: tuple[tuple[str, str | None], ...] = (
    ("skol- och fritidsförvaltningen", "SFF"), ("socialförvaltningen", "SOF"),
    ("arbetsmarknadsförvaltningen", "AMF"), ("stadsbyggnadsförvaltningen", "SBF"),
    ("vård- och omsorgsförvaltningen", "VoO"), ("kulturförvaltningen", None),
    ("miljöförvaltningen", None), ("stadsledningsförvaltningen", "SLF"),
    ("fastighetsförvaltningen", None), ("barn- och utbildningsförvaltningen", "BUF"),
)

_UNITS = ("Kontaktcenter", "Pedagogiskt center", "Elevhälsan", "HR-avdelningen", "Ekonomiavdelningen",
          "Krimteamet", "Volontärcenter", "Kommunikationsavdelningen", "Avdelning administration och juridik")

_EXTERNAL = ("SKR", "Länsstyrelsen", "Region Skåne", "Polisen", "Arbetsförmedlingen", "Försäkringskassan",
             "Skolverket", "Karlstads universitet", "Lunds universitet", "Länsförsäkringar")

_ROOMS = ("Jupiter", "Saturnus", "Merkurius", "Venus", "Kaptensgården", "Rådhussalen", "Lilla salen",
          "Stora konferensrummet", "rum 312", "Teams", "Dunkers kulturhus", "Utsikten", "Kärnan")

_AREAS = ("Västra centrum", "Norra hamnen", "Östra Ramlösa", "Söder", "Gamla staden", "Stationsområdet",
          "Kvarnby", "Brunnsparken", "Nyhamnsläge", "Skogsbacken", "Ekdalen", "Lindhaga")

_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
           "oktober", "november", "december")
_MONTHS_SHORT = ("jan", "feb", "mars", "april", "maj", "juni", "juli", "aug", "sept", "okt", "nov", "dec")
_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")

_PARTIES = ("S", "S", "S", "M", "M", "SD", "C", "V", "KD", "L", "MP")

# --------------------------------------------------------------------------------------------
# Agenda topics. Placeholders: {first} an attendee's first name, {pres} the item's presenter's
# first name (sentences with it are used only when the item has a presenter), {full} an attendee's
# full name, {org}/{Org} an administration, {abbr} its abbreviation, {unit} a unit, {ext} an outside
# organisation, {kommun}, {kommun_org}, {year}, {next_year}, {prev_year}, {n}, {big}, {mkr}, {pct},
# {date2}, {week}, {area}, {month}.


def _lines(block: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in block.strip().splitlines() if x.strip())


@dataclass(frozen=True)
class Topic:
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    bullets: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()      # what follows "att"; no final full stop


def _t(titles: str, sentences: str, bullets: str = "", decisions: str = "") -> Topic:
    """A topic from '|'-separated titles and newline-separated sentences (data reads better so)."""
    return Topic(tuple(x.strip() for x in titles.split("|")), _lines(sentences), _lines(bullets), _lines(decisions))


_MANAGEMENT_TOPICS: tuple[Topic, ...] = (
    _t("Mål och ekonomi|Mål och ekonomi {year}|Ekonomisk uppföljning|Delårsbokslut|Bokslut {prev_year}", """
        {pres} går igenom det ekonomiska läget och prognosen för helåret.
        Prognosen pekar på ett överskott om {mkr} mkr, vilket motsvarar {pct} procent av omslutningen.
        Kostnaderna för försörjningsstöd och placeringar fortsätter att öka.
        Statsbidragen är fortsatt osäkra, vilket gör det svårt att planera långsiktigt.
        Varje avdelning behöver se över sina kostnader inför hösten.
        Den {date2} är sista dag att lämna in förslag på större förändringar i internbudgeten.
        Resultatet förklaras främst av vakanta tjänster och lägre kostnader för lokaler.
        {pres} visar hur utfallet fördelar sig per verksamhet.
    """, """
        Resultat {mkr} mkr jämfört med budget
        Lägre kostnad per elev i gymnasiet
        Fortsatt arbete med ekonomi i balans för varje enhet
        Långsiktigt tänk kring ekonomin på alla nivåer
        Osäkerhet vad gäller statsbidragen
    """, """
        godkänna bokslutet och lämna det vidare till nämnden
        varje avdelning tar fram en åtgärdsplan för att nå en budget i balans
        tacka för informationen
    """),
    _t("Verksamhetsplan {next_year}|Uppdrag i VP, lägesbeskrivning|VP-uppdragen|Verksamhetsplanen {year}", """
        {pres} går igenom inkomna synpunkter på utkastet till verksamhetsplan.
        Bland annat diskuteras hur uppdraget om kompetensförsörjning ska synliggöras i förhållande till nämndens mål.
        Viktigt att säkerställa att det finns förståelse på alla nivåer för hur enhetens plan hänger ihop med den övergripande planen.
        Gruppen diskuterar hur uppföljningen av uppdragen kan utvecklas.
        Den planerade diskussionen om analys och rapportering hanns inte med och tas upp vid ett senare tillfälle.
        Planen ska vara beslutad av nämnden i {month}.
    """, """
        Uppföljning, analys och rapportering
        Tydligare koppling till nämndens mål
        Färre och mer konkreta uppdrag
    """, """
        godkänna verksamhetsplanen för {next_year}
        ge {pres} i uppdrag att arbeta in gruppens synpunkter i planen
    """),
    _t("Medarbetarenkät {year}|Inför medarbetarenkäten|Resultat av medarbetarenkäten", """
        Årets medarbetarenkät skickas ut den {date2} och stänger för svar tre veckor senare.
        Mer information läggs ut på intranätet och sprids till cheferna via chefskanalen.
        Svarsfrekvensen var förra året {pct} procent, vilket är en ökning jämfört med året innan.
        {pres} visar resultaten per avdelning och lyfter områden där det finns behov av åtgärder.
        Varje chef ska gå igenom resultatet med sin arbetsgrupp före {month}.
    """, """
        Hög svarsfrekvens är ett mål i sig
        Resultatet redovisas för nämnden i {month}
        Handlingsplaner tas fram på enhetsnivå
    """, """
        varje chef går igenom resultatet med sin arbetsgrupp och tar fram en handlingsplan
    """),
    _t("Kompetensförsörjning|Kompetensförsörjningsplan {year}|Rekrytering av legitimerade lärare", """
        {pres} redogör för läget när det gäller rekrytering inom förvaltningen.
        Det är fortsatt svårt att rekrytera socionomer och legitimerade lärare.
        Ett samarbete med {ext} har inletts för att fler ska kunna validera sina kunskaper.
        {first} lyfter att introduktionen av nyanställda behöver bli mer enhetlig.
        Planen ska följas upp två gånger per år.
    """, """
        Validering och rekrytering
        Introduktion av nyanställda
        Samarbete med högskolor och universitet
    """, """
        ge HR-avdelningen i uppdrag att ta fram en gemensam introduktion för nyanställda
        godkänna kompetensförsörjningsplanen
    """),
    _t("Skolval - utfall|Skolvalet {next_year}|Förskoleplaceringar", """
        {pres} ger en uppdatering av skolvalet och hur det ser ut i respektive verksamhetsområde.
        Det saknas fortfarande sökande till förskoleklass, vilket gör prognosen osäker.
        Söktrycket är skiftande mellan skolorna.
        Verksamhetscheferna har tillgång till en ögonblicksbild av valet och har en kontinuerlig dialog med rektorerna.
        Antalet barn i kö till förskolan har minskat till {n} under våren.
    """, """
        Söktrycket skiftar mellan skolorna
        Prognosen är osäker
        Dialog med rektorerna fortsätter
    """),
    _t("Samverkan med socialtjänsten|Fortsatt dialog om samarbetet mellan {abbr} och socialtjänsten|Samverkan kring barn och unga", """
        {pres} presenterar vilka samarbeten som finns mellan {org} och socialtjänsten.
        För att samarbetet ska fungera finns fyra steg som måste finnas på plats: information, samtal, samförstånd och aktion.
        Gruppvis diskuteras hur samarbetet kan förbättras utifrån de fyra stegen.
        Det krävs både personoberoende processer och goda relationer.
        I dagsläget träffas cheferna från de båda förvaltningarna sällan.
        Frågan lyfts vidare till den gemensamma styrgruppen.
    """, """
        Information, samtal, samförstånd, aktion
        Gemensamma forum för chefer
        Personoberoende processer
    """, """
        lyfta frågan till den gemensamma styrgruppen
    """),
    _t("Information om {unit}|{unit} informerar|Avstämning {unit}", """
        {pres} berättar om hur {unit} arbetar förebyggande och tidigt fångar upp den som behöver stöd.
        {unit} arbetar tätt med {ext} och tar kontakt med berörda myndigheter vid behov.
        Verksamheten har vuxit under året och har nu {n} medarbetare.
        Antalet ärenden har ökat med {pct} procent jämfört med förra året.
        Gruppen ställer frågor om hur samarbetet med skolorna kan utvecklas.
    """, """
        Status och uppföljning av pågående arbete
        Statistik för {prev_year}
        Omvärldsbevakning och nätverk
    """),
    _t("Krisberedskap|Rutiner för krishantering|Krisledningsövning {year}", """
        {pres} går igenom förvaltningens krisledningsplan och hur den ska hållas levande.
        En krisledningsövning genomförs tillsammans med {ext} den {date2}.
        Alla chefer behöver känna till rutinen för larm och information.
        Erfarenheter från förra årets övning visar att kommunikationen behöver förbättras.
    """, """
        Larmlistor ska uppdateras
        Ansvarsfördelning vid kris
        Kommunikation internt och externt
    """, """
        genomföra en krisledningsövning under hösten
        uppdatera larmlistorna senast den {date2}
    """),
    _t("Arbetsmiljö och sjukfrånvaro|Sjukfrånvaron {year}|Systematiskt arbetsmiljöarbete", """
        {pres} presenterar statistik över sjukfrånvaron, som nu ligger på {pct} procent.
        Den korta sjukfrånvaron har minskat medan den långa är oförändrad.
        Förvaltningen har tecknat avtal med en ny företagshälsovård.
        {first} lyfter att arbetsbelastningen i vissa arbetslag är fortsatt hög.
        Skyddsombuden ska involveras tidigt i förändringsarbetet.
    """, """
        Rehabiliteringsärenden följs upp varje månad
        Skyddsronder genomförs under våren
    """, """
        ge HR-avdelningen i uppdrag att ta fram en handlingsplan för minskad sjukfrånvaro
    """),
    _t("Digitalisering|Digitala tjänster|Ny e-tjänsteplattform|Chatbot i kontaktcenter", """
        {pres} berättar om arbetet med nya e-tjänster för invånarna.
        En chatbot har tagits i bruk och besvarar nu cirka {n} frågor i veckan.
        Arbetet sker tillsammans med {unit} och flera andra förvaltningar.
        Införandet av den nya plattformen är planerat till vecka {week}.
        {first} påminner om att alla system ska granskas utifrån dataskyddsförordningen.
    """, """
        Digitalt kontaktcenter
        En väg in för invånare och företag
        Utbildning för medarbetare
    """, """
        införa den nya e-tjänsteplattformen under {year}
    """),
    _t("Lokalförsörjning|Lokalförsörjningsplan {next_year}|Lokaler i {area}", """
        {pres} redovisar behovet av nya lokaler de kommande fem åren.
        Befolkningsprognosen visar att antalet barn i {area} ökar kraftigt.
        En ny förskola med {n} avdelningar planeras att stå klar {next_year}.
        Hyreskostnaderna ökar och behöver vägas in i budgeten.
        Ärendet ska beredas tillsammans med fastighetsförvaltningen.
    """, """
        Ny förskola i {area}
        Tillfälliga moduler under byggtiden
        Ökade hyreskostnader
    """, """
        godkänna lokalförsörjningsplanen och lämna den till nämnden
    """),
    _t("Återkoppling från grupper|Nytt från systergrupper|Återkoppling från nätverk", """
        {pres} återkopplar från stadens nätverk för processledare.
        Styrgruppen har behandlat delårsbokslutet och gått igenom enheternas ekonomi.
        {first} återkopplar från det regionala nätverket och konstaterar att {kommun} tar stort ansvar i många processer.
        En rutin för gåvor vid invigningar har tagits fram.
        Översyn av vissa processer pågår för att nå större samordningsvinster.
    """, """
        Styrgruppen: delårsbokslut och uppföljning
        Nätverket för processledare: översyn av processer
        Regionala nätverket: erfarenhetsutbyte
    """),
    _t("Kort, kort information|Kort, kort|Övriga frågor|Information", """
        Nästa möte hålls den {date2} och blir ett fysiskt möte.
        {first} informerar om att intranätet byter utseende vecka {week}.
        Påminnelse om att synpunkter på remissen ska lämnas senast den {date2}.
    """, """
        Nästa möte den {date2}
        Intranätet byter utseende vecka {week}
        Påminnelse om remissvar
        Semesterplanering ska vara klar i {month}
    """),
    _t("Hållbarhetsstrategi|Klimatlöften {year}|Miljöplan", """
        {pres} presenterar förslaget till ny hållbarhetsstrategi för {kommun_org}.
        Strategin bygger på de globala målen och ska ersätta den nuvarande miljöplanen.
        Varje förvaltning ska anta minst tre klimatlöften under året.
        {first} undrar hur uppföljningen ska gå till och vem som ansvarar för den.
    """, """
        Minskade utsläpp från tjänsteresor
        Mindre matsvinn i skolrestaurangerna
        Fossilfria transporter
    """, """
        anta förvaltningens klimatlöften för {year}
    """),
    _t("Trygghet i {area}|Trygghetsskapande åtgärder|Sommarlovet {year}", """
        {pres} berättar om läget i {area} där oron bland boende har ökat.
        Samverkan sker med {ext} och fältgruppen kvällstid.
        Fler aktiviteter för unga planeras under sommarlovet.
        En trygghetsvandring genomförs den {date2} tillsammans med boende och fastighetsägare.
    """, """
        Trygghetsvandring den {date2}
        Fler kvällsaktiviteter för unga
        Samverkan med {ext}
    """, """
        genomföra en trygghetsvandring i {area}
    """),
)

_BOARD_TOPICS: tuple[Topic, ...] = (
    _t("Detaljplan för {area}|Detaljplan för del av {area}, samrådshandling|Planbesked för fastigheten {area} 1:{n}", """
        Syftet med detaljplanen är att möjliggöra bostäder och en förskola inom planområdet.
        Planförslaget har varit utställt för samråd och inkomna synpunkter har sammanställts i en samrådsredogörelse.
        Förslaget bedöms vara förenligt med översiktsplanen.
        Planen bedöms inte medföra betydande miljöpåverkan.
        Stadsbyggnadsförvaltningen har berett ärendet.
    """, """
        Tjänsteskrivelse daterad {date2}
        Plankarta med bestämmelser
        Samrådsredogörelse
    """, """
        godkänna samrådsredogörelsen
        ställa ut detaljplanen för granskning
        uppdra åt stadsbyggnadsförvaltningen att slutföra planarbetet
    """),
    _t("Motion om {motion}|Svar på motion om {motion}", """
        En motion om {motion} har lämnats in till kommunfullmäktige.
        Motionären föreslår att kommunen utreder frågan och återkommer med förslag.
        Förvaltningen har utrett frågan och bedömer att syftet med motionen delvis redan uppfylls.
        Kostnaden för ett genomförande beräknas till {mkr} mkr per år.
    """, """
        Motion inkommen {date2}
        Tjänsteskrivelse från förvaltningen
    """, """
        föreslå kommunfullmäktige att anse motionen besvarad
        föreslå kommunfullmäktige att bifalla motionen
        föreslå kommunfullmäktige att avslå motionen
    """),
    _t("Medborgarförslag om {motion}|Svar på medborgarförslag om {motion}", """
        Ett medborgarförslag om {motion} har inkommit.
        Förslagsställaren menar att åtgärden skulle öka tryggheten i {area}.
        Förvaltningen har gjort en bedömning av förslaget och av vad det skulle kosta.
        Förslaget stämmer väl överens med kommunens mål men ryms inte inom nuvarande budget.
    """, """
        Medborgarförslag inkommet {date2}
    """, """
        avslå medborgarförslaget
        anse medborgarförslaget besvarat
    """),
    _t("Ekonomisk uppföljning per {umonth}|Delårsrapport per den 31 augusti {year}|Budget {next_year} och plan {next_year}-{plan_end}", """
        Förvaltningen redovisar den ekonomiska uppföljningen.
        Prognosen för helåret visar ett underskott om {mkr} mkr jämfört med budget.
        Underskottet beror främst på ökade kostnader för placeringar och personal.
        Nämnden har tidigare gett förvaltningen i uppdrag att ta fram åtgärder för en budget i balans.
        Investeringsbudgeten bedöms inte förbrukas under året.
    """, """
        Ekonomisk uppföljning per {umonth}
        Tjänsteskrivelse daterad {date2}
    """, """
        godkänna den ekonomiska uppföljningen
        uppdra åt förvaltningen att ta fram åtgärder för en ekonomi i balans
        överlämna rapporten till kommunstyrelsen
    """),
    _t("Taxor och avgifter {next_year}|Revidering av taxa för {taxa}", """
        Förvaltningen föreslår att taxan för {taxa} räknas upp med {pct} procent.
        Uppräkningen följer prisindex för kommunal verksamhet.
        Jämförelser med andra kommuner visar att avgiftsnivån ligger i mitten.
        Taxan föreslås gälla från den 1 januari {next_year}.
    """, """
        Förslag till taxa
        Jämförelse med andra kommuner
    """, """
        föreslå kommunfullmäktige att anta den reviderade taxan
        taxan ska gälla från och med den 1 januari {next_year}
    """),
    _t("Riktlinjer för {riktlinje}|Revidering av riktlinjer för {riktlinje}", """
        Nuvarande riktlinjer antogs för flera år sedan och behöver uppdateras.
        Förslaget har tagits fram i samverkan med berörda förvaltningar.
        Riktlinjerna har förenklats och anpassats till ny lagstiftning.
        De fackliga organisationerna har informerats.
    """, """
        Förslag till riktlinjer
        Tjänsteskrivelse daterad {date2}
    """, """
        anta riktlinjerna
        upphäva tidigare riktlinjer
    """),
    _t("Yttrande över remiss om {remiss}|Remissvar: {remiss}", """
        Kommunen har fått möjlighet att yttra sig över remissen.
        Förvaltningen har tagit fram ett förslag till yttrande.
        I yttrandet framhålls vikten av att kommunerna får täckning för ökade kostnader.
        Yttrandet ska vara inlämnat senast den {date2}.
    """, """
        Remiss från {ext}
        Förslag till yttrande
    """, """
        anta förvaltningens förslag till yttrande som sitt eget
        överlämna yttrandet till {ext}
    """),
    _t("Intern kontrollplan {next_year}|Uppföljning av intern kontroll {year}", """
        Enligt reglementet för intern kontroll ska nämnden varje år anta en plan för intern kontroll.
        Planen bygger på en risk- och väsentlighetsanalys.
        Förvaltningen föreslår {n} kontrollmoment för det kommande året.
        Inga allvarliga brister har upptäckts vid årets kontroller.
    """, """
        Risk- och väsentlighetsanalys
        Förslag till intern kontrollplan
    """, """
        anta den interna kontrollplanen för {next_year}
        godkänna uppföljningen av den interna kontrollen
    """),
    _t("Upphandling av {upphandling}|Tilldelningsbeslut {upphandling}", """
        Förvaltningen har genomfört en upphandling av {upphandling}.
        Avtalet beräknas omfatta cirka {mkr} mkr per år.
        {n} anbud har inkommit och utvärderats enligt förfrågningsunderlaget.
        Det mest fördelaktiga anbudet föreslås antas.
    """, """
        Utvärderingsprotokoll
        Förfrågningsunderlag
    """, """
        anta det anbud som är mest fördelaktigt
        uppdra åt förvaltningschefen att teckna avtal
    """),
    _t("Anmälan av delegationsbeslut|Redovisning av delegationsbeslut", """
        Beslut fattade med stöd av delegation redovisas för perioden.
        Redovisningen omfattar beslut inom personal, ekonomi och myndighetsutövning.
    """, """
        Delegationslista för perioden
    """, """
        lägga redovisningen av delegationsbeslut till handlingarna
    """),
    _t("Informationsärenden|Förvaltningschefen informerar|Aktuell information", """
        Förvaltningschefen informerar om aktuella frågor inom förvaltningen.
        Rekryteringen av en ny verksamhetschef pågår.
        Arbetet med lokalförsörjningsplanen fortskrider enligt tidplan.
    """, """
        Rekrytering av verksamhetschef
        Lokalförsörjning
    """, """
        lägga informationen till handlingarna
    """),
)

_NETWORK_TOPICS: tuple[Topic, ...] = (
    _t("Att rigga och peppa för innovation|Innovationsarbete i kommunerna", """
        Efter förfrågan delar {guest_intro} med sig av hur {guest_org} arbetat för att utveckla sitt innovationsarbete.
        Arbetet har utgått från en gemensam modell för att pröva idéer i liten skala innan de införs brett.
        Medarbetare har fått utbildning i tjänstedesign och flera försök har genomförts tillsammans med invånare.
        Dialog i gruppen om hur erfarenheterna kan tas tillvara i hela {network}.
        Flera kommuner har liknande behov av stöd i att testa nya arbetssätt.
        Det är viktigt att ledningen ger utrymme för att misslyckas.
    """, decisions="""
        skicka ett stort tack för informationen och återkomma till lärdomar och arbetssätt i arbetet med ny utvecklingsplan
        tacka för informationen
    """),
    _t("Samhällsorientering i egen regi|Gemensam vuxenutbildning", """
        {guest_intro} berättar om ett förslag som skulle innebära att kommunerna genomför kurserna i egen regi genom samverkan.
        Det tyngst vägande skälet är att kurserna kan anpassas efter lokalsamhället i högre grad.
        Det skulle kräva att alla kommuner säger upp sitt avtal med nuvarande anordnare.
        Avtalet går att säga upp i juni eller i december, med sex månaders uppsägningstid.
        Ett samarbetsavtal mellan kommunerna behöver också upprättas.
        Att driva verksamheten i egen regi bedöms vara kostnadsneutralt i jämförelse med nuvarande finansiering.
        I det strategiska chefsnätverket är alla kommuner överens om förslaget.
    """, decisions="""
        ett kortfattat underlag med bakgrund, motiv och genomförandeprocess skickas till kommuncheferna vecka {week}
        samtliga kommuner säger upp avtalet i juni månad
    """),
    _t("Försöksverksamhet arbetsmarknad|Gemensamma arbetsmarknadsinsatser", """
        {guest_intro} berättar att {ext} kontaktat {network} om det underlag kring försöksverksamhet som tas fram.
        Ett utvecklat underlag arbetas fram av nätverket och tas sedan upp med experter på SKR.
        Därefter lämnas underlaget till den statliga utredningen.
        Ärendet har tidigare varit uppe i styrelsen.
        Respektive kommunchef avgör själv vilken information som behöver förmedlas lokalt.
    """, decisions="""
        respektive kommunchef informerar internt vid behov
    """),
    _t("Avstämningar|Ny utvecklingsplan {next_year}-{plan_end}|Mötesplan {next_year}", """
        {pres_full} berättar att förslag till mötesplan för {next_year} distribueras med protokollet.
        Diskussion kring processen inför ny utvecklingsplan.
        Sekretariatet kommer att behöva ta hjälp av ett par kommuner i förberedelsearbetet.
        Gruppen diskuterar också upplägget av internatet i {month}.
        Internatet kommer att innehålla ett pass med uppföljning av projektarbetsformen.
        Ett pass ägnas åt förberedelser inför styrelsearbetet {next_year}.
    """, decisions="""
        tacka för informationen
        godkänna förslaget till mötesplan för {next_year}
    """),
    _t("Regional kollektivtrafik|Trafikförsörjningsprogram", """
        {guest_intro} redogör för förslaget till nytt trafikförsörjningsprogram.
        Programmet anger målen för kollektivtrafiken de kommande åren och vilka linjer som prioriteras.
        Kommunerna har fått möjlighet att lämna synpunkter senast den {date2}.
        Flera kommuner lyfter behovet av bättre förbindelser mellan orterna på landsbygden.
        Pendlingen över kommungränserna har ökat kraftigt de senaste tio åren.
    """, decisions="""
        sekretariatet sammanställer ett gemensamt yttrande
    """),
    _t("Kompetensförsörjning i regionen|Gemensam rekryteringskampanj", """
        {guest_intro} presenterar en kartläggning av rekryteringsbehoven i kommunerna.
        Behoven är störst inom vård och omsorg samt förskola.
        Pensionsavgångarna de kommande fem åren motsvarar omkring {pct} procent av personalstyrkan.
        En gemensam kampanj föreslås under hösten.
        Kostnaden fördelas efter invånarantal.
    """, decisions="""
        genomföra en gemensam rekryteringskampanj under hösten
        kostnaden fördelas mellan kommunerna efter invånarantal
    """),
    _t("Gemensam e-arkivlösning|Digital samverkan", """
        {guest_intro} berättar om förstudien kring en gemensam e-arkivlösning.
        Förstudien visar att kommunerna kan spara {mkr} mkr över fem år genom en gemensam upphandling.
        Några kommuner har redan egna avtal som löper ut först {next_year}.
        En gemensam förvaltningsorganisation behöver byggas upp.
        Informationssäkerheten ska ha hög prioritet i det fortsatta arbetet.
    """, decisions="""
        gå vidare med en gemensam upphandling av e-arkiv
    """),
    _t("Besöksnäring och turism|Regional destinationsutveckling", """
        {guest_intro} presenterar statistik över gästnätter i regionen under {prev_year}.
        Antalet gästnätter har ökat med {pct} procent.
        Ett gemensamt arbete med cykelleder pågår tillsammans med {ext}.
        Besökarna stannar allt längre och efterfrågar fler aktiviteter utanför högsäsong.
        Marknadsföringen ska samordnas under ett gemensamt varumärke.
    """, decisions="""
        tacka för informationen
    """),
    _t("Folkhälsa och trygghet|Gemensamt brottsförebyggande arbete", """
        {guest_intro} redogör för läget i det brottsförebyggande arbetet i kommunerna.
        En gemensam lägesbild tas fram två gånger per år tillsammans med {ext}.
        Den nya lagen om kommunernas ansvar för brottsförebyggande arbete ställer krav på samordning.
        Flera kommuner saknar i dag en samordnare på heltid.
    """, decisions="""
        ta fram en gemensam lägesbild inför hösten
        tacka för informationen
    """),
    _t("Klimat och energi|Gemensam klimatplan", """
        {guest_intro} presenterar förslaget till gemensam klimatplan.
        Planen innehåller åtgärder för transporter, energi och offentlig upphandling.
        Kommunerna har olika förutsättningar, vilket planen behöver ta hänsyn till.
        En första uppföljning görs efter ett år.
    """, decisions="""
        remittera förslaget till klimatplan till kommunerna
    """),
)

_WORKGROUP_TOPICS: tuple[Topic, ...] = (
    _t("Hälsa|Hälsoprojektet|Friskvård", """
        {full} som har hållit i hälsoprojektet slutar nu, men gruppen vill fortsätta arbetet till hösten.
        Det finns ett förslag om en brännbollsturnering i {area} en eftermiddag i september.
        Tanken är att det ska vara en friskvårdsaktivitet för både personal och brukare.
        {Org} vill gärna vara mer delaktig vid nästa arrangemang.
    """, """
        Vi bokar in den {date2} klockan 13:30-16:00.
        Det finns numera en Facebookgrupp för samordning i gruppen.
    """),
    _t("Frukostdialog om kompetens|Validering och rekrytering", """
        {pres_full} informerar om att det kommer en utbildning för handledare till hösten.
        Det är önskvärt att även representanter från frivilligorganisationerna kan gå utbildningen.
        Idag finns {n} handledare på {org}.
        Det är svårt att lösa anställningsformer för brukarutvecklarna.
        Ett förslag är att skapa ett konkret forum som kan hantera praktiska problem.
    """, """
        Hur matchar vi uppgifter och personer?
        Finns det något administrativt stöd för arbetsgivaren?
        De som deltar i våra grupper bör kunna få sina insatser validerade.
    """),
    _t("Kommunikationsprojektet|Gemensam kommunikation", """
        {pres_full} berättar om planerna för ett gemensamt kommunikationsprojekt som ska börja den {date2}.
        {Org} behöver arbeta med sin internkommunikation.
        En gemensam satsning har många fördelar eftersom båda förvaltningarnas resurser kan utnyttjas bättre.
    """, """
        Internkommunikation
        Externkommunikation med invånare
    """),
    _t("Dag om tjänstelogik|Inspirationsdag {month}", """
        {Org} vill arrangera en dag om tjänstelogik i höst och bjuda in {guest_mention} som föreläsare.
        Det är viktigt att dagen blir genomtänkt och att vi diskuterat vad vi vill få ut av satsningen.
        Förslaget är att vi bildar en arbetsgrupp med detta uppdrag.
    """),
    _t("Digital inkludering|Digitalt utanförskap", """
        {pres_full} redogör för arbetet med digital inkludering på biblioteken.
        Under våren har {n} invånare fått stöd med bank-id och e-tjänster.
        Efterfrågan är störst bland äldre och nyanlända.
        Volontärer från {ext} bidrar på tisdagar.
    """, """
        Drop in-tider på biblioteken
        Utbildning av volontärer
        Informationsmaterial på flera språk
    """),
    _t("Brukarinflytande|Brukarråd", """
        {pres_full} informerar om att brukarrådet har träffats {n} gånger under året.
        Brukarna efterfrågar mer information om vilka insatser som finns.
        Gruppen diskuterar hur synpunkterna kan tas tillvara i verksamhetsplaneringen.
    """, """
        Brukarrådets synpunkter sammanställs
        Återkoppling till brukarrådet i {month}
    """),
    _t("Höstens schema|Mötesplan|Nästa möte", """
        Det räcker om vi träffas en gång i månaden, första torsdagen i månaden.
        Nästa möte blir den {date2}.
        {first} skickar ut kallelser till höstens möten.
    """),
    _t("Volontärverksamhet|Föreningslivet", """
        {pres_full} berättar att Volontärcenter riktar sin verksamhet mer mot föreningslivet.
        Det innebär att volontärer kan kopplas ihop med föreningar som behöver hjälp.
        Ett stort evenemang i {month} kommer att kräva många volontärer.
    """, """
        Rekrytering av volontärer
        Samarbete med föreningar
    """),
)

_GENERIC_SENTENCES = _lines("""
    Gruppen diskuterar hur arbetet kan följas upp under hösten.
    {first} lyfter behovet av en tydligare tidplan.
    Frågan tas upp igen vid ett senare möte.
    Det finns ett stort intresse för frågan i verksamheterna.
    Ett underlag skickas ut till gruppen inför nästa möte.
    {first} påminner om att synpunkter ska lämnas senast den {date2}.
    Gruppen gör några medskick inför det fortsatta arbetet.
    Det finns lärdomar att dra, samtidigt är omständigheterna i detta fall mycket specifika.
    Samtal i mindre grupper om vad som fungerar bra och vad som kan förbättras.
    {first} undrar hur frågan påverkar de mindre enheterna.
    Arbetet sker i nära samverkan med {org}.
    Gruppen är överens om att frågan ska prioriteras.
    En uppföljning görs i {month}.
    {first} och {first} tar fram ett förslag till nästa möte.
    Det är viktigt att alla nivåer i organisationen är delaktiga.
    Erfarenheterna från {ext} kan vara till hjälp i det fortsatta arbetet.
    Diskussionen visar att det finns olika syn på hur snabbt förändringen kan genomföras.
    {first} framhåller att medarbetarna behöver få information i god tid.
    Flera i gruppen efterfrågar tydligare underlag med siffror per enhet.
    Det är angeläget att frågan inte hamnar mellan stolarna.
    Tidplanen är pressad men bedöms vara realistisk.
    {first} föreslår att frågan stäms av med {org} innan beslut fattas.
    Gruppen konstaterar att mycket redan är på plats.
    Det behövs en tydligare ansvarsfördelning mellan avdelningarna.
    En enkät skickas ut till samtliga enheter under vecka {week}.
    {first} påpekar att frågan även berör {unit}.
    Gruppen tycker att förslaget är bra och ser fram emot fortsättningen.
    Det saknas i dag ett samlat grepp om frågan.
    Arbetet redovisas för nämnden i {month}.
    Kostnaderna bedöms rymmas inom befintlig budget.
    {first} tar med sig gruppens synpunkter till det fortsatta arbetet.
    Erfarenheter från andra kommuner visar att det tar tid att få genomslag.
    Det är viktigt att kommunicera förändringen tydligt till invånarna.
    Frågan kopplar till flera av uppdragen i verksamhetsplanen.
    Ett förslag är att bjuda in {ext} till ett kommande möte.
""")

_BOARD_GENERIC = _lines("""
    Ärendet har beretts av förvaltningen.
    Förslaget bedöms inte medföra några ökade kostnader.
    Ärendet har behandlats i samverkan med de fackliga organisationerna.
    Förvaltningen bedömer att förslaget är förenligt med gällande lagstiftning.
    Under sammanträdet lämnas kompletterande information.
    Ärendet har föregåtts av dialog med berörda förvaltningar.
    En barnkonsekvensanalys har genomförts.
    Förslaget har stämts av med ekonomiavdelningen.
    Ärendet har inte föregåtts av samråd med allmänheten.
    Förvaltningen ser inga hinder mot förslaget.
""")

_NETWORK_GENERIC = _lines("""
    Dialog i gruppen.
    Flera kommuner ser liknande utmaningar.
    Gruppen är positiv till förslaget men vill se en tydligare kostnadsberäkning.
    Frågan behöver förankras i respektive kommunledning.
    {first} lyfter att de mindre kommunerna behöver särskilt stöd.
    Sekretariatet återkommer med ett förslag till fortsatt process.
    Erfarenheterna från {ext} lyfts som ett gott exempel.
    Diskussion om hur kostnaderna ska fördelas mellan kommunerna.
    {first} delar erfarenheter från sin egen kommun.
    Gruppen konstaterar att samverkan ger tydliga vinster.
    Ärendet har tidigare varit uppe i styrelsen.
    Ett gemensamt underlag tas fram till nästa möte.
""")

_MOTIONS = ("fler laddstolpar vid kommunens anläggningar", "gratis kollektivtrafik för pensionärer",
            "belysning längs gång- och cykelvägar", "skolgårdar som är öppna på kvällstid",
            "en utomhusbassäng", "fler parkbänkar i centrum", "hundrastgård i {area}",
            "solceller på kommunens fastigheter", "sommarjobb för alla ungdomar")
_TAXOR = ("bygglov", "miljötillsyn", "kulturskolan", "färdtjänst", "avfallshantering", "vatten och avlopp")
_RIKTLINJER = ("representation", "sociala medier", "tjänsteresor", "bostadsanpassningsbidrag",
               "föreningsbidrag", "informationssäkerhet")
_REMISSER = ("ny skollag", "regional utvecklingsstrategi", "ändringar i socialtjänstlagen",
             "nationell strategi för psykisk hälsa", "ny plan- och bygglag")
_UPPHANDLINGAR = ("skolskjuts", "livsmedel", "städtjänster", "ramavtal för konsulttjänster",
                  "snöröjning", "IT-utrustning")

_ROLES = ("kommundirektör", "ekonomichef", "förvaltningschef", "planchef", "HR-chef", "utredare",
          "kanslichef", "verksamhetschef", "controller", "kommunikationschef")
_GUEST_ROLES = ("innovationschef", "utvecklingsledare", "strateg", "projektledare", "verksamhetschef",
                "enhetschef", "processledare", "analytiker")


# --------------------------------------------------------------------------------------------
# Document state.


@dataclass(frozen=True)
class Person:
    first: str
    last: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class _Item:
    topic: Topic
    title: str
    presenters: list[Person] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)     # rendered verbatim texts
    ordinal: int | None = None
    time: str | None = None
    identifier: str | None = None
    guest_org: str | None = None      # set for a guest from an organisation rather than a municipality
    values: dict[str, str] = field(default_factory=dict)   # placeholders that keep one value per item


class _Doc:
    """Everything one document draws from its Random, and the truth it accumulates."""

    def __init__(self, rng: Random, municipality: str) -> None:
        self.rng = rng
        self.municipality = municipality
        self.firsts: set[str] = set()
        self.fulls: set[str] = set()
        self.present: list[Person] = []
        self.persons: set[str] = set()
        self.organizations: set[str] = set()
        self.memberships: set[tuple[str, str]] = set()
        self.administrations = rng.sample(_ADMINISTRATIONS, 4)
        self.network = ""
        self.generic_used: set[str] = set()
        self.guest_home: str | None = None
        self.year = 2020

    def person(self) -> Person:
        """A new person whose first name is unique in the document (so 'Mats' is unambiguous)."""
        firsts, lasts = first_names(), surnames()
        while True:
            first = self.rng.choice(firsts)
            last = self.rng.choice(lasts)
            roll = self.rng.random()
            if roll < 0.06:
                last = f"{self.rng.choice(lasts)} {last}"
            elif roll < 0.09:
                last = f"{self.rng.choice(lasts)}-{last}"
            if first not in self.firsts and f"{first} {last}" not in self.fulls and first != last:
                self.firsts.add(first)
                self.fulls.add(f"{first} {last}")
                return Person(first, last)

    def named(self, p: Person) -> str:
        self.persons.add(p.full)
        return p.full

    def org(self, name: str) -> str:
        self.organizations.add(name[0].upper() + name[1:])
        return name

    def fill(self, template: str, item: _Item | None) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self._sticky(m.group(1), item), template)

    _STICKY = frozenset({"area", "unit", "motion", "taxa", "riktlinje", "remiss", "upphandling", "umonth"})

    def _sticky(self, key: str, item: _Item | None) -> str:
        """Values an item's title and text must share ("Detaljplan för Söder" ... "i Söder")."""
        if item is None or key not in self._STICKY:
            return self._value(key, item)
        if key not in item.values:
            item.values[key] = self._value(key, item)
        return item.values[key]

    def _value(self, key: str, item: _Item | None) -> str:
        rng, year = self.rng, self.year
        if key == "first":
            return rng.choice(self.present).first
        if key == "full":
            return self.named(rng.choice(self.present))
        if key == "pres":
            return item.presenters[0].first if item and item.presenters else rng.choice(self.present).first
        if key == "pres_full":
            return self.named(item.presenters[0]) if item and item.presenters else self.named(rng.choice(self.present))
        if key in ("org", "Org"):
            name = self.org(rng.choice(self.administrations)[0])
            return name[0].upper() + name[1:] if key == "Org" else name
        if key == "abbr":
            name, abbr = rng.choice([a for a in self.administrations if a[1]] or [("socialförvaltningen", "SOF")])
            self.org(name)
            return abbr or name
        if key == "unit":
            return self.org(rng.choice(_UNITS))
        if key == "ext":
            return self.org(rng.choice(_EXTERNAL))
        if key == "kommun":
            return self.municipality
        if key == "kommun_org":
            return self.org(municipality_org(self.municipality))
        if key == "network":
            return self.org(self.network)
        simple = {
            "year": str(year), "next_year": str(year + 1), "prev_year": str(year - 1),
            "plan_end": str(year + 4), "n": str(rng.randint(3, 40)), "big": str(rng.randint(100, 25000)),
            "mkr": f"{rng.randint(1, 60)},{rng.randint(0, 9)}", "pct": str(rng.randint(2, 95)),
            "week": str(rng.randint(2, 50)), "month": rng.choice(_MONTHS), "umonth": rng.choice(_MONTHS),
            "date2": f"{rng.randint(1, 28)} {rng.choice(_MONTHS)}", "area": rng.choice(_AREAS),
            "motion": self.fill(rng.choice(_MOTIONS), item), "taxa": rng.choice(_TAXOR),
            "riktlinje": rng.choice(_RIKTLINJER), "remiss": rng.choice(_REMISSER),
            "upphandling": rng.choice(_UPPHANDLINGAR),
        }
        if key in simple:
            return simple[key]
        if key == "guest_intro" and item is not None:
            return self._guest(item)
        if key == "guest_mention":
            p, org = self.person(), self.org(rng.choice(_EXTERNAL[5:] + _UNITS[:3]))
            self.memberships.add((self.named(p), org))
            return f"{p.full}, {rng.choice(_GUEST_ROLES)} vid {org},"
        if key == "guest_org":
            return self.org(municipality_org(self.guest_home or self.municipality))
        raise KeyError(f"unknown placeholder {{{key}}}")

    def _guest(self, item: _Item) -> str:
        """The item's presenter introduced with where they come from: 'Lisa Olsson, innovationschef i Bjuv,'."""
        if not item.presenters:
            item.presenters.append(self.person())
        p = item.presenters[-1]
        self.named(p)
        role = self.rng.choice(_GUEST_ROLES)
        if item.guest_org:
            self.memberships.add((p.full, self.org(item.guest_org)))
            return f"{p.full}, {role} vid {item.guest_org},"
        home = self.rng.choice(_NETWORKS[self.network][1]) if self.network else self.municipality
        self.guest_home = home
        org = self.org(municipality_org(home))
        self.memberships.add((p.full, org))
        if self.rng.random() < 0.5:
            return f"{p.full}, {role} i {home},"
        return f"{p.full} från {org}"


# --------------------------------------------------------------------------------------------
# Shared rendering helpers.


def _cap(name: str) -> str:
    return name[0].upper() + name[1:]


def _words(text: str) -> int:
    return len(text.split())


def _date(rng: Random) -> _dt.date:
    day = _dt.date(2015, 1, 1) + _dt.timedelta(days=rng.randrange(10 * 365))
    while day.weekday() >= 5 or day.month == 7:
        day += _dt.timedelta(days=1 if day.month != 7 else 31)
    return day


def _times(rng: Random) -> tuple[str, str]:
    start_h = rng.choice((8, 8, 9, 9, 10, 13, 13, 14))
    start_m = rng.choice((0, 0, 0, 30))
    length = rng.choice((90, 120, 150, 180, 180, 240))
    end = start_h * 60 + start_m + length
    return f"{start_h:02d}:{start_m:02d}", f"{end // 60:02d}:{end % 60:02d}"


def _dot(t: str) -> str:
    return t.replace(":", ".")


def _long_date(day: _dt.date, rng: Random, weekday: bool) -> str:
    months = _MONTHS_SHORT if rng.random() < 0.4 else _MONTHS
    text = f"den {day.day} {months[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS[day.weekday()].capitalize()}en {text}" if weekday else text[4:]


def _bullet_mark(rng: Random) -> str:
    return rng.choice(("•", "-", "–", "o", "", "*"))


def _pick_topics(rng: Random, topics: Sequence[Topic], n: int) -> list[Topic]:
    chosen = rng.sample(list(topics), min(n, len(topics)))
    while len(chosen) < n:
        chosen.append(rng.choice(topics))
    return chosen


def _unique_title(doc: _Doc, topic: Topic, item: _Item, used: set[str]) -> str:
    """A title not yet used in the document (two items with one title would be ambiguous truth)."""
    for _ in range(20):
        title = doc.fill(doc.rng.choice(topic.titles), item)
        if title.lower() not in used:
            break
    else:  # pragma: no cover - 20 draws from several titles with varying numbers
        title = f"{title} ({len(used) + 1})"
    used.add(title.lower())
    return title


def _fill_sentences(doc: _Doc, item: _Item, budget: int, topical: Sequence[str], generic: Sequence[str],
                    max_generic: int = 3) -> None:
    """Write the item's text: its topic's sentences in their order, then a few general ones.

    Sentences that introduce the presenter in full ({pres_full}, {guest_intro}) lead the item, so a
    first name used later has its full name earlier; sentences about the presenter are left out
    when nobody presents. A general sentence is used at most once per document.
    """
    rng = doc.rng
    leads = [s for s in topical if "{pres_full}" in s or "{guest_intro}" in s] if item.presenters else []
    rest = [s for s in topical if s not in leads and "{pres_full}" not in s and "{guest_intro}" not in s
            and ("{pres}" not in s or item.presenters)]
    words = 0
    for s in leads + rest:
        if item.sentences and words >= budget:
            break
        if s in rest and item.sentences and rng.random() < 0.2:
            continue
        item.sentences.append(doc.fill(s, item))
        words += _words(item.sentences[-1])
    added = 0
    for s in rng.sample(list(generic), len(generic)):
        if (item.sentences and words >= budget) or added >= max_generic:
            break
        if s in doc.generic_used:
            continue
        doc.generic_used.add(s)
        sentence = doc.fill(s, item)
        item.sentences.insert(rng.randint(1, len(item.sentences)) if item.sentences else 0, sentence)
        words += _words(sentence)
        added += 1


def _wrap(text: str, width: int | None) -> str:
    if not width:
        return text
    return textwrap.fill(text, width=width, break_long_words=False, break_on_hyphens=False)


def _comma_wrap(names: Sequence[str], width: int | None, prefix: str) -> str:
    """A comma list broken between names only (a name broken over two lines is OCR's job, not ours)."""
    line, lines = prefix, []
    for i, name in enumerate(names):
        piece = name + ("," if i < len(names) - 1 else "")
        if width and len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = ""
        line += (" " if line and not line.endswith(" ") else "") + piece
    lines.append(line)
    return "\n".join(lines)


def _item_truth(item: _Item) -> dict[str, Any]:
    return {
        "ordinal": item.ordinal,
        "time": item.time,
        "identifier": item.identifier,
        "title": item.title,
        "presenters": [p.full for p in item.presenters],
        "decisions": len(item.decisions),
        "decision_texts": list(item.decisions),
    }


def _base_truth(doc: _Doc, genre: str, body: str, parent: str | None, day: _dt.date | None,
                start: str | None, end: str | None, location: str | None) -> dict[str, Any]:
    return {
        "genre": genre,
        "meeting": {"body": body, "parent_organization": parent, "date": day.isoformat() if day else None,
                    "start": start, "end": end, "location": location},
        "attendees": [], "absentees": [], "minute_takers": [], "minute_takers_optional": [], "chairs": [],
        "adjusters": [], "parties": {}, "agenda_items": [], "decisions": [], "decisions_optional": [],
    }


def _budget(rng: Random, n_items: int, header_words: int) -> int:
    """Words per item so that the whole document lands between about 300 and 1400 words."""
    target = rng.randint(max(400, header_words + 40 * n_items), 1350)
    return max(20, (target - header_words) // n_items)


# --------------------------------------------------------------------------------------------
# Genre (a): ledningsgrupp notes.


def _ledningsgrupp(doc: _Doc) -> tuple[str, dict[str, Any]]:
    rng = doc.rng
    adm, abbr = doc.administrations[0]
    adm_cap = adm[0].upper() + adm[1:]
    kommun_org = municipality_org(doc.municipality)
    body = rng.choice((
        f"{adm_cap[:-2]}s ledningsgrupp" if adm.endswith("en") else f"Ledningsgrupp, {adm}",
        f"Ledningsgruppen för {adm}",
        f"{genitive(kommun_org)} skolors ledningsgrupp" if abbr in ("SFF", "BUF") else f"Förvaltningsledningen, {adm}",
        f"Ledningsgrupp {abbr}" if abbr else f"Ledningsgruppen för {adm}",
    ))
    doc.org(adm_cap)
    day = _date(rng)
    doc.year = day.year
    start, end = _times(rng)
    room = rng.choice(_ROOMS)
    width = rng.choice((None, None, 88, 95))
    trailing = " " if rng.random() < 0.3 else ""
    mark = _bullet_mark(rng)

    n_present = rng.randint(5, 14)
    present = [doc.person() for _ in range(n_present)]
    absent = [doc.person() for _ in range(rng.choice((0, 1, 1, 2, 3)))]
    doc.present = present
    secretary = present[-1]
    chair = present[0] if rng.random() < 0.3 else None
    truth = _base_truth(doc, "ledningsgrupp", body, adm_cap, day, start, end, room)

    lines: list[str] = []
    header_style = rng.random()
    if header_style < 0.5:
        lines += [adm_cap, "", body, "",
                  f"{_long_date(day, rng, weekday=True)}, {_dot(start)} -{_dot(end)}" if rng.random() < 0.6
                  else f"{day.isoformat()}, kl. {_dot(start)}–{_dot(end)}",
                  f"Plats: {room}", ""]
    elif header_style < 0.8:
        lines += [f"{body} {day.isoformat()}", "", f"Tid: {_dot(start)}-{_dot(end)}", f"Plats: {room}", ""]
    else:
        lines += [f"Mötesanteckningar {body.lower() if body.startswith('Ledningsgrupp') else body}",
                  f"Datum: {_long_date(day, rng, weekday=False)}", f"Tid: {start}-{end}", f"Lokal: {room}", ""]
        truth["meeting"]["body"] = body.lower() if body.startswith("Ledningsgrupp") else body
    minute_taker_in_list = rng.random() < 0.7
    names = [doc.named(p) for p in present]
    if minute_taker_in_list:
        names[-1] += rng.choice((" (sekr.)", " (sekr)", " (antecknar)"))
    if chair:
        names[0] += " (ordf.)"
    label = rng.choice(("Deltagare:", "Deltagare:", "Närvarande:", f"Deltagare {abbr or 'LG'}:"))
    lines.append(_comma_wrap(names, width or 90, label))
    lines.append("")
    if absent:
        reasons = ["", "", " (sem)", " (sjuk)"]
        lines.append(rng.choice(("Frånvarande:", "Förhinder:")) + " " +
                     ", ".join(doc.named(p) + rng.choice(reasons) for p in absent))
        lines.append("")
    if rng.random() < 0.5:
        lines += [rng.choice(("Mötesanteckningar", "Minnesanteckningar")), ""]
    header_words = _words("\n".join(lines))

    n_items = rng.randint(3, 12)
    topics = _pick_topics(rng, _MANAGEMENT_TOPICS, n_items)
    items: list[_Item] = []
    used: set[str] = set()
    budget = _budget(rng, n_items, header_words)
    guests_with_org: dict[str, str] = {}
    for topic in topics:
        item = _Item(topic, "")
        roll = rng.random()
        if roll < 0.55:
            item.presenters.append(rng.choice(present))
        elif roll < 0.7:
            item.presenters += rng.sample(present, 2)
        elif roll < 0.82:
            guest = doc.person()
            item.presenters.append(guest)
            org = doc.org(_cap(rng.choice(_UNITS[:5] + tuple(a[0] for a in doc.administrations[1:]))))
            guests_with_org[guest.full] = org
        item.title = _unique_title(doc, topic, item, used)
        _fill_sentences(doc, item, budget, topic.sentences, _GENERIC_SENTENCES, 2 + budget // 50)
        if topic.bullets and rng.random() < 0.6:
            item.bullets = [doc.fill(b, item) for b in rng.sample(topic.bullets, rng.randint(1, len(topic.bullets)))]
        if topic.decisions and rng.random() < 0.45:
            phrase = doc.fill(rng.choice(topic.decisions), item)
            item.decisions.append(f"{rng.choice(('Ledningsgruppen beslutar att', 'Ledningsgruppen beslutade att', 'Gruppen beslutar att'))} {phrase}.")
        items.append(item)

    # Decision items first under BESLUT when the notes are sectioned, as such notes usually are.
    sectioned = rng.random() < 0.35
    if sectioned:
        items.sort(key=lambda it: not it.decisions)
    section = None
    for n, item in enumerate(items, 1):
        item.ordinal = n
        if sectioned:
            wanted = "BESLUT" if item.decisions else "INFORMATION"
            if wanted != section:
                section = wanted
                lines += ["", wanted if rng.random() < 0.7 else wanted.capitalize(), ""]
        lines.append(f"{n}. {item.title}")
        if item.presenters:
            shown = []
            for p in item.presenters:
                name = doc.named(p)
                guest_org = guests_with_org.get(p.full)
                if guest_org:
                    doc.memberships.add((p.full, guest_org))
                    shown_org = guest_org.lower() if guest_org.lower() in dict(_ADMINISTRATIONS) else guest_org
                    name += f", {shown_org}" if rng.random() < 0.6 else f" ({shown_org})"
                shown.append(name)
            joiner = rng.choice((" och ", ", ", " & "))
            lines.append(f"{rng.choice(('Föredragande:', 'Föredragande:', 'Föredragande'))} {joiner.join(shown)}")
        lines.append("")
        paragraphs = _paragraphs(rng, item.sentences)
        for para in paragraphs:
            lines.append(_wrap(para, width))
            lines.append("")
        for b in item.bullets:
            lines.append(f"{mark} {b}".strip())
        if item.bullets:
            lines.append("")
        for d in item.decisions:
            lines.append(f"Beslut: {d}")
            lines.append("")
        truth["agenda_items"].append(_item_truth(item))
        truth["decisions"] += item.decisions
    if not minute_taker_in_list:
        lines += ["", rng.choice(("Vid anteckningarna/", "Vid protokollet: ", "Antecknat av: ")) + secretary.full]
    truth["minute_takers"] = [secretary.full]
    truth["chairs"] = [chair.full] if chair else []
    truth["attendees"] = [p.full for p in present]
    truth["absentees"] = [p.full for p in absent]
    text = "\n".join(line + trailing if line else line for line in lines).rstrip() + "\n"
    return text, truth


def _paragraphs(rng: Random, sentences: list[str]) -> list[str]:
    out, current = [], []
    for s in sentences:
        current.append(s)
        if len(current) >= rng.randint(1, 4):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


# --------------------------------------------------------------------------------------------
# Genre (b): formal protokoll.

_BOARDS = (
    # body, dnr prefix, how the body refers to itself in decisions
    ("Kommunstyrelsens arbetsutskott", "KS", "Arbetsutskottet"),
    ("Kommunstyrelsen", "KS", "Kommunstyrelsen"),
    ("Barn- och utbildningsnämnden", "BUN", "Barn- och utbildningsnämnden"),
    ("Socialnämnden", "SN", "Socialnämnden"),
    ("Tekniska nämnden", "TN", "Tekniska nämnden"),
    ("Miljö- och byggnadsnämnden", "MBN", "Nämnden"),
    ("Kultur- och fritidsnämnden", "KFN", "Kultur- och fritidsnämnden"),
    ("Vård- och omsorgsnämnden", "VON", "Nämnden"),
)


def _protokoll(doc: _Doc) -> tuple[str, dict[str, Any]]:
    rng = doc.rng
    body, dnr, self_name = rng.choice(_BOARDS)
    kommun_org = doc.org(municipality_org(doc.municipality))
    doc.org(body)
    day = _date(rng)
    doc.year = day.year
    start, end = _times(rng)
    house = rng.choice(("Stadshuset", "Kommunhuset", "Rådhuset", "Kommunhuset"))
    room = f"{house}, {rng.choice(('sammanträdesrum', 'sal', 'rum'))} {rng.choice(_ROOMS)}"
    trailing = " " if rng.random() < 0.2 else ""

    members = [doc.person() for _ in range(rng.randint(5, 11))]
    parties = {p.full: rng.choice(_PARTIES) for p in members}
    substitutes = [(doc.person(), doc.person()) for _ in range(rng.choice((0, 0, 1, 1, 2)))]
    for sub, absent in substitutes:
        parties[sub.full] = parties[absent.full] = rng.choice(_PARTIES)
    officials = [doc.person() for _ in range(rng.randint(2, 4))]
    official_roles = ["sekreterare"] + rng.sample(_ROLES, len(officials) - 1)
    secretary = officials[0]
    chair, adjuster = members[0], members[rng.randint(1, len(members) - 1)]
    doc.present = members + [s for s, _ in substitutes] + officials
    truth = _base_truth(doc, "protokoll", body, kommun_org, day, start, end, room)

    first_paragraph = rng.randint(1, 380)
    n_items = rng.randint(3, 12)
    last_paragraph = first_paragraph + n_items - 1

    lines = [kommun_org.upper() if rng.random() < 0.5 else kommun_org, "",
             rng.choice(("PROTOKOLL", "SAMMANTRÄDESPROTOKOLL", "Protokoll")), body, ""]
    if rng.random() < 0.5:
        lines += [f"Sammanträdesdatum {day.isoformat()}", ""]
        lines += ["Tid och plats", f"{room}, kl. {_dot(start)}–{_dot(end)}", ""]
    else:
        lines += ["Tid och plats",
                  f"{room}, {_long_date(day, rng, weekday=True).lower()} kl. {_dot(start)}–{_dot(end)}", ""]
    lines.append("Beslutande")
    for i, p in enumerate(members):
        role = "ordförande" if i == 0 else ("vice ordförande" if i == 1 else "")
        sep = rng.choice((" ", ", ")) if role else ""
        lines.append(f"{doc.named(p)} ({parties[p.full]}){sep}{role}".rstrip())
    lines.append("")
    if substitutes:
        lines.append("Tjänstgörande ersättare")
        for sub, absent in substitutes:
            lines.append(f"{doc.named(sub)} ({parties[sub.full]}) för {doc.named(absent)} ({parties[absent.full]})")
        lines.append("")
    lines.append("Övriga närvarande")
    for p, role in zip(officials, official_roles):
        lines.append(f"{doc.named(p)}, {role}")
    lines += ["", "Justerare", adjuster.full, "",
              "Justeringens plats och tid", f"{house} {(day + _dt.timedelta(days=rng.randint(2, 8))).isoformat()}", "",
              f"Paragrafer § {first_paragraph}–{last_paragraph}", ""]
    signature = ["Underskrifter", "", "Sekreterare ........................................", secretary.full, "",
                 "Ordförande ........................................", chair.full, "",
                 "Justerare ........................................", adjuster.full, ""]
    sign_at_end = rng.random() < 0.4
    if not sign_at_end:
        lines += signature
    header_words = _words("\n".join(lines))

    budget = _budget(rng, n_items, header_words)
    topics = _pick_topics(rng, _BOARD_TOPICS, n_items)
    used: set[str] = set()
    one_line_heading = rng.random() < 0.5
    for n, topic in enumerate(topics):
        item = _Item(topic, "", ordinal=first_paragraph + n)
        if n == 0 and rng.random() < 0.6:
            item.title = "Val av justerare"
            item.decisions.append(f"att utse {adjuster.full} att jämte ordföranden justera protokollet.")
            used.add(item.title.lower())
        else:
            if rng.random() < 0.5:
                item.presenters.append(rng.choice(officials[1:]))
            item.title = _unique_title(doc, topic, item, used)
            item.identifier = f"Dnr {dnr} {day.year if rng.random() < 0.6 else day.year - 1}/{rng.randint(10, 999)}"
            _fill_sentences(doc, item, budget, topic.sentences, _BOARD_GENERIC, 1 + budget // 80)
            clauses = [doc.fill(c, item) for c in rng.sample(topic.decisions, rng.randint(1, min(3, len(topic.decisions))))]
            # One decision per att-clause, each on its own line, as the graph records them.
            item.decisions += [f"att {c}" + ("." if k == len(clauses) - 1 else ",") for k, c in enumerate(clauses)]
        heading = f"§ {item.ordinal}"
        if item.identifier and one_line_heading:
            lines += [f"{heading} {item.identifier} {item.title}"]
        elif item.identifier:
            lines += [f"{heading}\t{item.identifier}", item.title]
        else:
            lines += [f"{heading} {item.title}"]
        lines.append("")
        if item.sentences:
            lines += [rng.choice(("Ärendebeskrivning", "Sammanfattning", "Bakgrund")), " ".join(item.sentences), ""]
        if item.presenters:
            p = item.presenters[0]
            role = official_roles[officials.index(p)]
            lines += [rng.choice((f"Föredragande: {p.full}, {role}", f"{role.capitalize()} {p.full} föredrar ärendet.")), ""]
        if topic.bullets and item.identifier:
            lines += ["Beslutsunderlag"] + [f"- {doc.fill(b, item)}" for b in topic.bullets[:2]] + [""]
        if item.identifier and rng.random() < 0.3:
            yrkande = rng.choice(members[1:])
            lines += ["Yrkanden", f"{doc.named(yrkande)} ({parties[yrkande.full]}) yrkar bifall till förvaltningens förslag.", ""]
        lines += [rng.choice(("Beslut", f"{self_name}s beslut" if not self_name.endswith("en") else "Beslut")),
                  f"{self_name} beslutar", "", *item.decisions, ""]
        if item.identifier and rng.random() < 0.5:
            lines += ["Beslutet skickas till", doc.fill("{Org}", item), ""]
        truth["agenda_items"].append(_item_truth(item))
        truth["decisions"] += item.decisions
    if sign_at_end:
        lines += [""] + signature
    truth["attendees"] = [p.full for p in doc.present]
    truth["absentees"] = [a.full for _, a in substitutes]
    truth["minute_takers"] = [secretary.full]
    truth["chairs"] = [chair.full]
    truth["adjusters"] = [adjuster.full]
    truth["parties"] = dict(sorted(parties.items()))
    truth["roles"] = {chair.full: "ordförande", members[1].full: "vice ordförande",
                      **{p.full: r for p, r in zip(officials, official_roles)}}
    text = "\n".join(line + trailing if line else line for line in lines).rstrip() + "\n"
    return text, truth


# --------------------------------------------------------------------------------------------
# Genre (c): Markdown notes of a network of municipalities.

_NETWORK_BODIES = ("Kommundirektörmöte i {network}", "Styrgruppsmöte i {network}",
                   "Möte med kommundirektörsgruppen, {network}", "Nätverket för skolchefer i {network}")


def _natverk(doc: _Doc) -> tuple[str, dict[str, Any]]:
    rng = doc.rng
    network = rng.choice(sorted(_NETWORKS))
    doc.network = network
    domain, members = _NETWORKS[network]
    doc.municipality = rng.choice(members)
    body = rng.choice(_NETWORK_BODIES).format(network=network)
    doc.org(network)
    day = _date(rng)
    doc.year = day.year
    start, end = _times(rng)
    venue = rng.choice((f"Mindpark {doc.municipality}", f"Stadshuset i {doc.municipality}",
                        f"Kommunhuset i {doc.municipality}", f"Dunkers kulturhus, {doc.municipality}",
                        f"sekretariatets lokaler i {doc.municipality}"))
    truth = _base_truth(doc, "natverk", body, network, day, start, end, venue)

    chair_town, secretariat = rng.choice(members), f"{genitive(network)} sekretariat"
    people = {town: doc.person() for town in members}
    absent_towns = set(rng.sample(members, rng.randint(0, max(1, len(members) // 2))))
    absent_towns.discard(chair_town)
    secretary = doc.person()
    chair = people[chair_town]
    doc.present = [people[t] for t in members if t not in absent_towns] + [secretary]

    md_heading = rng.random() < 0.4
    lines = [f"# {body}" if md_heading else body, "",
             f"{doc.municipality} {day:%y%m%d}" if rng.random() < 0.6 else f"{doc.municipality}, {day.isoformat()}", "",
             f"{_ascii(secretary.first)}.{_ascii(secretary.last)}@{domain}".lower(), ""]
    if rng.random() < 0.6:
        lines += [f"Plats och tid: Mötet genomfördes den {day.day} {_MONTHS[day.month - 1]} kl {_dot(start)}-{_dot(end)} på {venue}.", ""]
    else:
        lines += [f"Plats och tid: {venue}, {day.day} {_MONTHS[day.month - 1]} {day.year}, kl. {_dot(start)}–{_dot(end)}", ""]
    lines += [rng.choice(("Närvarande tjänstemän:", "Närvarande:", "Deltagare:")), ""]
    for town in members:
        p = people[town]
        entry = f"{doc.named(p)}, {town}"
        doc.memberships.add((p.full, doc.org(municipality_org(town))))
        lines += [f"~~{entry}~~" if town in absent_towns else entry, ""]
    lines += [f"{doc.named(secretary)}, sekretariatet", ""]
    doc.memberships.add((secretary.full, doc.org(secretariat)))
    header_words = _words("\n".join(lines))

    n_items = rng.randint(4, 12)
    inner = n_items - 2
    budget = _budget(rng, max(1, inner), header_words)
    topics = _pick_topics(rng, _NETWORK_TOPICS, inner)
    used: set[str] = {"mötets öppnande samt incheckning", "övrigt"}
    start_min = _minutes(start)
    slots = sorted(rng.sample(range(start_min + 10, _minutes(end) - 5, 5), inner))
    opening = _Item(Topic(("",), ()), rng.choice(("Mötets öppnande samt incheckning", "Mötets öppnande", "Incheckning")),
                    time=start)
    lines += [f"{_dot(start)} {opening.title}", ""]
    truth["agenda_items"].append(_item_truth(opening))
    for topic, slot in zip(topics, slots):
        item = _Item(topic, "", time=f"{slot // 60:02d}:{slot % 60:02d}")
        if "{pres_full}" in "".join(topic.sentences):
            item.presenters.append(secretary if rng.random() < 0.5 else rng.choice(doc.present))
        elif "{guest_intro}" in "".join(topic.sentences):
            item.presenters.append(doc.person())
        item.title = _unique_title(doc, topic, item, used)
        _fill_sentences(doc, item, budget, topic.sentences, _NETWORK_GENERIC, 2 + budget // 40)
        untimed = rng.random() < 0.12 and len(truth["agenda_items"]) > 1
        if untimed:
            item.time = None
            lines += [item.title, ""]
        else:
            assert item.time is not None   # every item of a timed agenda has its time
            lines += [f"{_dot(item.time)} **{item.title}**", ""]
        lines += [" ".join(item.sentences), ""]
        for phrase in rng.sample(topic.decisions, rng.randint(0, min(2, len(topic.decisions)))):
            item.decisions.append(f"att {doc.fill(phrase, item)}.")
            lines += ["Beslut", "", item.decisions[-1], ""]
        if rng.random() < 0.15:
            lines += [body, ""]    # a page header left behind by the PDF export
        truth["agenda_items"].append(_item_truth(item))
        truth["decisions"] += item.decisions
    closing = _Item(Topic(("",), ()), "Övrigt", time=end)
    lines += [f"{_dot(end)} Övrigt", "", "", "", chair.full, "ordförande", "", "", "",
              secretary.full, rng.choice(("sekretariatschef", "sekreterare", "processledare"))]
    truth["agenda_items"].append(_item_truth(closing))
    truth["attendees"] = [p.full for p in doc.present]
    truth["absentees"] = [people[t].full for t in members if t in absent_towns]
    truth["minute_takers_optional"] = [secretary.full]
    truth["chairs"] = [chair.full]
    return "\n".join(lines).rstrip() + "\n", truth


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _ascii(name: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "Å": "A", "Ä": "A",
                           "Ö": "O", "É": "E", " ": "", "-": "", "'": ""})
    return name.translate(table)


# --------------------------------------------------------------------------------------------
# Genre (d): working-group notes with unnumbered headings and running text.

_WORKGROUPS = ("Ledningsgrupp för utveckling", "Arbetsgruppen för digital inkludering",
               "Referensgruppen för brukarinflytande", "Samverkansgruppen för psykisk hälsa",
               "Projektgruppen Trygg i centrum", "Nätverket för hållbar upphandling",
               "Arbetsgruppen för hälsa och friskvård")


_WORKGROUP_DECISIONS = ("gå vidare med förslaget", "bilda en arbetsgrupp för frågan",
                        "bjuda in {ext} till nästa möte", "ta upp frågan igen i {month}")


def _arbetsgrupp(doc: _Doc) -> tuple[str, dict[str, Any]]:
    rng = doc.rng
    body = rng.choice(_WORKGROUPS)
    doc.org(body)
    day = _date(rng)
    doc.year = day.year
    present = [doc.person() for _ in range(rng.randint(4, 12))]
    doc.present = present
    secretary = rng.choice(present)
    truth = _base_truth(doc, "arbetsgrupp", body, None, day, None, None, None)
    style = rng.random()
    if style < 0.5:
        lines = ["", "", f"{body} {_long_date(day, rng, weekday=False)}", "", "Närvarande", ""]
        for p in present:
            lines.append(doc.named(p) + (" (antecknar)" if p is secretary else ""))
    else:
        lines = [body, "", f"Datum: {day.isoformat()}", "",
                 "Närvarande: " + ", ".join(doc.named(p) + (" (antecknar)" if p is secretary else "") for p in present)]
    lines.append("")
    header_words = _words("\n".join(lines))
    n_items = rng.randint(3, 12)
    budget = _budget(rng, n_items, header_words)
    topics = _pick_topics(rng, _WORKGROUP_TOPICS + _MANAGEMENT_TOPICS[:4], n_items)
    used: set[str] = set()
    mark = rng.choice(("-", "•", "*"))
    intros = ("{full} informerar om nuläget.", "{full} redogör för bakgrunden till frågan.",
              "{full} berättar om hur arbetet har gått sedan förra mötet.")
    for topic in topics:
        item = _Item(topic, "")
        joined = "".join(topic.sentences)
        intro = None
        if "{pres_full}" in joined:
            item.presenters.append(rng.choice(present))
        elif "{guest_intro}" in joined:
            item.presenters.append(doc.person())
            item.guest_org = rng.choice(_EXTERNAL[5:] + _UNITS[:3])
        elif rng.random() < 0.4:
            item.presenters.append(rng.choice(present))
            intro = rng.choice(intros).replace("{full}", doc.named(item.presenters[0]))
        item.title = _unique_title(doc, topic, item, used)
        _fill_sentences(doc, item, budget, topic.sentences, _GENERIC_SENTENCES, 2 + budget // 50)
        if intro:
            item.sentences.insert(0, intro)
        lines += [item.title, ""]
        lines += [" ".join(p) for p in [item.sentences[:3], item.sentences[3:]] if p]
        lines.append("")
        if topic.bullets:
            for b in rng.sample(topic.bullets, rng.randint(1, len(topic.bullets))):
                b = doc.fill(b, item)
                lines.append(f"{mark} {b}")
                if b.startswith("Vi bokar") or b.startswith("Nästa möte"):
                    truth["decisions_optional"].append(b)
            lines.append("")
        if rng.random() < 0.2:
            phrase = doc.fill(rng.choice(topic.decisions or _WORKGROUP_DECISIONS), item)
            decision = f"Gruppen beslutar att {phrase}."
            if decision not in truth["decisions"]:
                item.decisions.append(decision)
                lines += [f"Beslut: {decision}", ""]
        truth["agenda_items"].append(_item_truth(item))
        truth["decisions"] += item.decisions
    truth["attendees"] = [p.full for p in present]
    truth["minute_takers"] = [secretary.full]
    return "\n".join(lines).rstrip() + "\n", truth


# --------------------------------------------------------------------------------------------
# Public API.

_RENDERERS = {"ledningsgrupp": _ledningsgrupp, "protokoll": _protokoll, "natverk": _natverk,
              "arbetsgrupp": _arbetsgrupp}


def genre_of(index: int, seed: int = 0) -> str:
    """Genres rotate in shuffled blocks of four, so any four consecutive documents hold all of them."""
    order = list(GENRES)
    Random(f"motesgraf-synth:{seed}:block:{index // len(GENRES)}").shuffle(order)
    return order[index % len(GENRES)]


MIN_WORDS, MAX_WORDS = 300, 1500


def generate_document(index: int, seed: int = 0) -> tuple[str, str, dict[str, Any]]:
    """The ``index``-th document of corpus ``seed``: (file name, text, ground truth).

    A draw that falls outside MIN_WORDS..MAX_WORDS (a few short network notes do) is drawn again
    from the next derived seed, so every document has a realistic length and stays deterministic.
    """
    genre = genre_of(index, seed)
    for attempt in range(20):
        rng = Random(f"motesgraf-synth:{seed}:{index}" + (f":{attempt}" if attempt else ""))
        doc = _Doc(rng, rng.choice(MUNICIPALITIES))
        text, truth = _RENDERERS[genre](doc)
        if MIN_WORDS <= _words(text) <= MAX_WORDS:
            break
    suffix = ".md" if genre == "natverk" else ".txt"
    name = f"{index:06d}_{rng.getrandbits(64):016x}{suffix}"
    truth["document"] = name
    truth["memberships"] = [list(m) for m in sorted(doc.memberships)]
    truth["persons"] = sorted(doc.persons)
    truth["organizations"] = sorted(doc.organizations)
    truth["words"] = _words(text)
    return name, text, dict(sorted(truth.items()))


def generate_corpus_with_truth(n_docs: int, seed: int = 0) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """``n_docs`` documents with their ground truth, in index order."""
    for index in range(n_docs):
        yield generate_document(index, seed)


def generate_corpus(n_docs: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """``n_docs`` (file name, text) pairs; the same arguments always give the same bytes."""
    for name, text, _ in generate_corpus_with_truth(n_docs, seed):
        yield name, text


def write_corpus(n_docs: int, out_dir: str | Path, seed: int = 0, with_truth: bool = False) -> list[Path]:
    """Write the corpus as UTF-8 files into ``out_dir`` (created); with ``with_truth`` also NAME.truth.json."""
    import json

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text, truth in generate_corpus_with_truth(n_docs, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        if with_truth:
            (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
        paths.append(path)
    return paths
