"""Events: the third annual FinEst Twins conference (Tallinn, 25–27 January 2023)
with a programme, the mayors' meeting held before it, and a few other events so the
site has upcoming, online and cancelled ones.

The seeds say only that the conference presented flagship projects and research
ideas, so its session plan and speakers are illustrative and say so. The speakers'
names are made up (Esimerkki, Exempel, Näidis and Proov mean "example" or "sample")."""

from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from demo.images import Illustration
from demo.loader import T
from events.models import AttendanceMode, EventKind, EventStatus

from .projects import ALL_FOCUS_AREAS, TWIN_CITIES_ALT

PUBLISHED_AT = datetime(2026, 1, 15, 9, 0, tzinfo=ZoneInfo("Europe/Helsinki"))
TALLINN = ZoneInfo("Europe/Tallinn")
HELSINKI = ZoneInfo("Europe/Helsinki")
TALLINN_CENTRE = {"latitude": D("59.436962"), "longitude": D("24.753574")}
HELSINKI_CENTRE = {"latitude": D("60.169857"), "longitude": D("24.938379")}
YOUTUBE = "https://www.youtube.com/channel/UCIo8AWMG9HwYSepvCFkA6DA/"

DEMO_SPEAKER_BIO = T(
    "Kuvitteellinen demopuhuja, joka havainnollistaa ohjelman rakennetta. Lähteet eivät nimeä konferenssin puhujia.",
    "En fiktiv demotalare som visar hur programmet är uppbyggt. Källorna namnger inte konferensens talare.",
    "A fictional demo speaker who illustrates the structure of the programme. The sources do not name the "
    "conference speakers.",
)

# The affiliations as each language writes them (the partners' own names); Forum Virium Helsinki is a name.
TALTECH = T("Tallinnan teknillinen yliopisto (TalTech)", "Tallinns tekniska universitet (TalTech)",
            "Tallinn University of Technology (TalTech)")
FORUM_VIRIUM = T("Forum Virium Helsinki", "Forum Virium Helsinki", "Forum Virium Helsinki")

SPEAKERS = [
    {"key": "coordinator", "name": "Mart Näidis", "partner": "taltech", "organisation": TALTECH,
     "title": T("Hankekoordinaattori", "Projektkoordinator", "Project coordinator"), "bio": DEMO_SPEAKER_BIO},
    {"key": "aalto-research", "name": "Maria Esimerkki", "partner": "aalto",
     "organisation": T("Aalto-yliopisto", "Aalto-universitetet", "Aalto University"),
     "title": T("Tutkimusjohtaja", "Forskningsledare", "Research lead"), "bio": DEMO_SPEAKER_BIO},
    {"key": "fvh-uop", "name": "Anna Exempel", "partner": "fvh", "organisation": FORUM_VIRIUM,
     "title": T("Urban Open Platform -kehityspäällikkö", "Utvecklingschef för Urban Open Platform",
                "Urban Open Platform development lead"), "bio": DEMO_SPEAKER_BIO},
    {"key": "fvh-lab", "name": "Liisa Malli", "partner": "fvh", "organisation": FORUM_VIRIUM,
     "title": T("Living Lab -koordinaattori", "Koordinator för Living Lab", "Living Lab coordinator"),
     "bio": DEMO_SPEAKER_BIO},
    {"key": "tallinn-expert", "name": "Kati Näide", "partner": "city-tallinn",
     "organisation": T("Tallinnan kaupunki", "Tallinns stad", "City of Tallinn"),
     "title": T("Älykaupunkiasiantuntija", "Expert på smarta städer", "Smart city specialist"), "bio": DEMO_SPEAKER_BIO},
    {"key": "ministry-adviser", "name": "Jaan Proov", "partner": "mkm",
     "organisation": T(
         "Viron elinkeino- ja viestintäministeriö", "Estlands närings- och kommunikationsministerium",
         "Estonian Ministry of Economic Affairs and Communications",
     ),
     "title": T("Neuvonantaja", "Rådgivare", "Adviser"), "bio": DEMO_SPEAKER_BIO},
]

MAIN_HALL = T("Pääsali", "Stora salen", "Main hall")
WORKSHOP_ROOM = T("Työpajatila", "Workshoprummet", "Workshop room")


def tallinn(day, hour, minute=0):
    return datetime(2023, 1, day, hour, minute, tzinfo=TALLINN)


def session(day, start, end, title, description, speakers, room=MAIN_HALL):
    return {
        "start": tallinn(day, *start), "end": tallinn(day, *end), "title": title, "description": description,
        "speakers": speakers, "room": room,
    }


CONFERENCE_SESSIONS = [
    session(25, (10, 0), (10, 45),
            T("Avaus: kolme vuotta FinEst Twinsiä", "Öppning: tre år av FinEst Twins", "Opening: three years of FinEst Twins"),
            T("Huippuyksikön tilannekatsaus ja konferenssin tavoitteet.",
              "Lägesöversikt över spetsenheten och konferensens mål.",
              "Where the Centre of Excellence stands, and what the conference aims for."),
            ["coordinator", "ministry-adviser"]),
    session(25, (11, 0), (12, 30),
            T("Lippulaivahankkeet: liikkuminen ja energia", "Flaggskeppsprojekt: mobilitet och energi",
              "Flagship projects: mobility and energy"),
            T("Hankkeiden esittelyt ja keskustelu kaksoiskaupunkien yhteisistä tarpeista.",
              "Projektpresentationer och diskussion om tvillingstädernas gemensamma behov.",
              "Project presentations and a discussion of the twin cities' shared needs."),
            ["aalto-research", "tallinn-expert"]),
    session(25, (13, 30), (15, 0),
            T("Lippulaivahankkeet: rakennettu ympäristö ja hallinto",
              "Flaggskeppsprojekt: byggd miljö och förvaltning",
              "Flagship projects: built environment and governance"),
            T("Miten kaupunkisuunnittelu ja päätöksenteko hyötyvät yhteisestä tutkimuksesta.",
              "Hur stadsplanering och beslutsfattande drar nytta av gemensam forskning.",
              "How urban planning and decision-making benefit from joint research."),
            ["tallinn-expert"]),
    session(26, (9, 30), (11, 0),
            T("Tutkimusideat: kaupunkianalytiikka ja tiedonhallinta",
              "Forskningsidéer: stadsanalys och datahantering",
              "Research ideas: urban analytics and data management"),
            T("Lyhyitä tutkimusesityksiä ja palautetta kaupunkien asiantuntijoilta.",
              "Korta forskningspresentationer och respons från städernas experter.",
              "Short research pitches with feedback from the cities' experts."),
            ["aalto-research"]),
    session(26, (11, 15), (12, 30),
            T("Urban Open Platform: data rajan yli", "Urban Open Platform: data över gränsen",
              "Urban Open Platform: data across the border"),
            T("Miten Helsingin ja Tallinnan kaupunkidata saadaan yhteisille pilotteille käyttökelpoiseksi.",
              "Hur stadsdata från Helsingfors och Tallinn görs användbara för gemensamma piloter.",
              "How urban data from Helsinki and Tallinn is made usable for joint pilots."),
            ["fvh-uop"]),
    session(26, (13, 30), (15, 30),
            T("Living Lab -työpaja", "Workshop om Living Lab", "Living Lab workshop"),
            T("Osallistujat ideoivat rajat ylittäviä pilotteja Tallinnan Living Labiin.",
              "Deltagarna tar fram idéer till gränsöverskridande piloter i Living Lab i Tallinn.",
              "Participants develop ideas for cross-border pilots in the Tallinn Living Lab."),
            ["fvh-lab", "tallinn-expert"], WORKSHOP_ROOM),
    session(27, (9, 30), (11, 0),
            T("Rajat ylittävät pilotit: mitä olemme oppineet", "Gränsöverskridande piloter: vad vi har lärt oss",
              "Cross-border pilots: what we have learned"),
            T("Kokemuksia yritysten kanssa tehdyistä kokeiluista molemmissa kaupungeissa.",
              "Erfarenheter av försök med företag i båda städerna.",
              "Experiences from trials with companies in both cities."),
            ["fvh-lab"]),
    session(27, (11, 15), (12, 30),
            T("Huippuyksikön tulevaisuus", "Spetsenhetens framtid", "The future of the Centre of Excellence"),
            T("Paneelikeskustelu huippuyksikön toiminnasta hankekauden jälkeen.",
              "Paneldiskussion om spetsenhetens verksamhet efter projektperioden.",
              "A panel on the Centre's work after the project period."),
            ["coordinator", "ministry-adviser", "aalto-research"]),
    session(27, (13, 30), (14, 30),
            T("Päätössanat", "Avslutning", "Closing words"),
            T("Yhteenveto konferenssista ja seuraavat askeleet.",
              "Sammanfattning av konferensen och nästa steg.",
              "A summary of the conference and the next steps."),
            ["coordinator"]),
]

TALLINN_VENUE = T("Tallinna", "Tallinn", "Tallinn")

EVENTS = [
    {
        "key": "conference-2023",
        "title": T(
            "FinEst Twins -vuosikonferenssi 2023", "FinEst Twins årliga konferens 2023", "FinEst Twins annual conference 2023",
        ),
        "summary": T(
            "FinEst Twins -hankkeen kolmas vuosikonferenssi pidettiin Tallinnassa 25.–27.1.2023. Konferenssissa "
            "esiteltiin lippulaivahankkeita ja tutkimusideoita.",
            "Den tredje årliga konferensen för FinEst Twins hölls i Tallinn 25–27.1.2023. På konferensen "
            "presenterades flaggskeppsprojekt och forskningsidéer.",
            "The third annual conference of FinEst Twins was held in Tallinn on 25–27 January 2023. It presented "
            "flagship projects and research ideas.",
        ),
        "description": T(
            "Kolmipäiväinen konferenssi kokosi yhteen huippuyksikön tutkijat, kaupunkien asiantuntijat ja "
            "yritykset Helsingistä ja Tallinnasta. Helsingin ja Tallinnan pormestarit tapasivat ennen konferenssia.\n\n"
            "Ohjelma on demosisältöä: lähteiden mukaan konferenssissa esiteltiin lippulaivahankkeita ja "
            "tutkimusideoita, mutta tarkkaa ohjelmaa tai puhujia ei kerrota.",
            "Den tre dagar långa konferensen samlade spetsenhetens forskare, städernas experter och företag från "
            "Helsingfors och Tallinn. Borgmästarna i Helsingfors och Tallinn träffades före konferensen.\n\n"
            "Programmet är demoinnehåll: enligt källorna presenterades flaggskeppsprojekt och forskningsidéer, men "
            "något detaljerat program eller talare nämns inte.",
            "The three-day conference brought together the Centre's researchers, city experts and companies from "
            "Helsinki and Tallinn. The mayors of Helsinki and Tallinn met before the conference.\n\n"
            "The programme is demo content: according to the sources, flagship projects and research ideas were "
            "presented, but no detailed programme or speakers are given.",
        ),
        "kind": EventKind.CONFERENCE, "status": EventStatus.SCHEDULED, "attendance_mode": AttendanceMode.IN_PERSON,
        "start": tallinn(25, 10), "end": tallinn(27, 14, 30),
        "venue_name": TALLINN_VENUE, "city": "tallinn", **TALLINN_CENTRE,
        "organisers": ["taltech"], "projects": ["finest-twins"], "focus_areas": ALL_FOCUS_AREAS,
        "sessions": CONFERENCE_SESSIONS,
        "published_at": datetime(2022, 12, 1, 9, 0, tzinfo=HELSINKI),
        "image": Illustration("conference-2023", background="#1d2b3a", accent="#ffd166", highlight="#4f9dd9"),
        "image_alt": TWIN_CITIES_ALT,
    },
    {
        "key": "mayors-meeting-2023",
        "parent": "conference-2023",
        "title": T(
            "Helsingin ja Tallinnan pormestarien tapaaminen", "Mötet mellan borgmästarna i Helsingfors och Tallinn",
            "Meeting of the mayors of Helsinki and Tallinn",
        ),
        "summary": T(
            "Pormestarit Juhana Vartiainen ja Mihhail Kõlvart linjasivat kaupunkien yhteistyötä vuosille 2023–2024 "
            "ennen FinEst Twins -konferenssia.",
            "Borgmästarna Juhana Vartiainen och Mihhail Kõlvart drog upp riktlinjerna för städernas samarbete för "
            "åren 2023–2024 före FinEst Twins-konferensen.",
            "Mayors Juhana Vartiainen and Mihhail Kõlvart set out the guidelines for the cities' cooperation in "
            "2023–2024 before the FinEst Twins conference.",
        ),
        "description": T(
            "Kahdenvälisen tapaamisen lisäksi pormestarit tapasivat kummankin kaupungin alueelliset "
            "poliisipäälliköt ja keskustelivat turvallisuusyhteistyön tiivistämisestä. Lähde ei kerro tapaamisen "
            "kellonaikaa; tässä näkyvä aika on arvio.",
            "Utöver det bilaterala mötet träffade borgmästarna de regionala polischeferna i båda städerna för att "
            "diskutera ett tätare säkerhetssamarbete. Källan anger inte klockslaget; tiden här är en uppskattning.",
            "Besides their bilateral meeting, the mayors met the regional police chiefs of both cities to discuss "
            "closer security cooperation. The source does not give the time of day; the time shown is an estimate.",
        ),
        "kind": EventKind.MEETING, "status": EventStatus.SCHEDULED, "attendance_mode": AttendanceMode.IN_PERSON,
        "start": tallinn(25, 8, 30), "end": tallinn(25, 9, 45),
        "venue_name": TALLINN_VENUE, "city": "tallinn", **TALLINN_CENTRE,
        "published_at": datetime(2023, 1, 20, 9, 0, tzinfo=HELSINKI),
        "organisers": ["city-helsinki", "city-tallinn"], "projects": ["finest-twins"], "focus_areas": ["governance"],
    },
    {
        "key": "closing-seminar-2026",
        "title": T(
            "FinEst Twins -päätösseminaari", "FinEst Twins avslutande seminarium", "FinEst Twins closing seminar",
        ),
        "summary": T(
            "Hanke päättyi marraskuun 2026 lopussa. Seminaarissa käytiin läpi seitsemän vuoden tulokset ja "
            "huippuyksikön jatko.",
            "Projektet avslutades i slutet av november 2026. Seminariet gick igenom resultaten från sju år och "
            "spetsenhetens fortsättning.",
            "The project ended at the end of November 2026. The seminar reviewed seven years of results and the "
            "Centre of Excellence's future.",
        ),
        "description": T(
            "Demotapahtuma. Seminaari pidettiin Tallinnassa, ja sitä saattoi seurata suorana FinEst Twinsin "
            "YouTube-kanavalla.",
            "Demoevenemang. Seminariet hölls i Tallinn och kunde följas direkt på FinEst Twins YouTube-kanal.",
            "Demo event. The seminar took place in Tallinn and was streamed live on the FinEst Twins YouTube channel.",
        ),
        "kind": EventKind.SEMINAR, "status": EventStatus.SCHEDULED, "attendance_mode": AttendanceMode.MIXED,
        "start": datetime(2026, 11, 26, 13, 0, tzinfo=TALLINN), "end": datetime(2026, 11, 26, 16, 30, tzinfo=TALLINN),
        "venue_name": T("Tallinna ja verkossa", "Tallinn och på nätet", "Tallinn and online"),
        "city": "tallinn", **TALLINN_CENTRE, "online_url": YOUTUBE,
        "organisers": ["taltech", "fvh", "aalto"], "projects": ["finest-twins"], "focus_areas": ALL_FOCUS_AREAS,
    },
    {
        "key": "open-call-webinar-2026",
        "title": T(
            "Webinaari: Living Labin avoin haku 2026–2027", "Webbinarium: Living Labs öppna ansökan 2026–2027",
            "Webinar: the Living Lab open call 2026–2027",
        ),
        "summary": T(
            "Mitä haussa haetaan, kuka voi hakea ja miten hakemus tehdään. Lopuksi kysymyksille on aikaa.",
            "Vad ansökan gäller, vem som kan söka och hur ansökan görs. Till sist finns tid för frågor.",
            "What the call is looking for, who can apply and how to apply, with time for questions at the end.",
        ),
        "description": T(
            "Demotapahtuma. Webinaari lähetetään FinEst Twinsin YouTube-kanavalla.",
            "Demoevenemang. Webbinariet sänds på FinEst Twins YouTube-kanal.",
            "Demo event. The webinar is broadcast on the FinEst Twins YouTube channel.",
        ),
        "kind": EventKind.WEBINAR, "status": EventStatus.SCHEDULED, "attendance_mode": AttendanceMode.ONLINE,
        "start": datetime(2026, 12, 9, 14, 0, tzinfo=HELSINKI), "end": datetime(2026, 12, 9, 15, 0, tzinfo=HELSINKI),
        "venue_name": T("Verkossa", "På nätet", "Online"), "online_url": YOUTUBE,
        "organisers": ["fvh"], "projects": ["finest-twins"], "focus_areas": ["urban-analytics"],
    },
    {
        "key": "living-lab-site-visit-2026",
        "title": T(
            "Living Lab -tutustumiskäynti Tallinnassa", "Studiebesök i Living Lab i Tallinn",
            "Living Lab site visit in Tallinn",
        ),
        "summary": T(
            "Peruttu. Tutustumiskäynti Tallinnan pilottikohteisiin ei toteutunut.",
            "Inställt. Studiebesöket till pilotplatserna i Tallinn blev inte av.",
            "Cancelled. The visit to the pilot sites in Tallinn did not take place.",
        ),
        "description": T(
            "Demotapahtuma, joka näyttää perutun tapahtuman tilan. Käynnillä oli tarkoitus tutustua "
            "energiatehokkaiden rakennusten pilottiin; pilotin aineistot julkaistaan sivustolla.",
            "Ett demoevenemang som visar statusen för ett inställt evenemang. Besöket skulle ha gällt piloten om "
            "energieffektiva byggnader; pilotens material publiceras på webbplatsen.",
            "A demo event that shows the status of a cancelled event. The visit was to have covered the "
            "energy-efficient buildings pilot; the pilot's materials are published on the site.",
        ),
        "kind": EventKind.WORKSHOP, "status": EventStatus.CANCELLED, "attendance_mode": AttendanceMode.IN_PERSON,
        "start": datetime(2026, 12, 3, 10, 0, tzinfo=TALLINN), "end": datetime(2026, 12, 3, 12, 0, tzinfo=TALLINN),
        "venue_name": TALLINN_VENUE, "city": "tallinn", **TALLINN_CENTRE,
        "organisers": ["fvh", "city-tallinn"], "projects": ["finest-twins"], "focus_areas": ["energy"],
    },
    {
        "key": "data-workshop-2027",
        "title": T(
            "Kaksoiskaupunkien datatyöpaja 2027", "Tvillingstädernas dataworkshop 2027", "Twin-city data workshop 2027",
        ),
        "summary": T(
            "Työpaja Urban Open Platformin käyttäjille: miten kaupunkidataa hyödynnetään hankkeen päätyttyä.",
            "Workshop för användare av Urban Open Platform: hur stadsdata används efter att projektet har avslutats.",
            "A workshop for Urban Open Platform users: putting urban data to use after the project has ended.",
        ),
        "description": T(
            "Demotapahtuma. Helsingin ja Tallinnan asiantuntijat sekä yritykset jakavat kokemuksia yhteisistä "
            "data-aineistoista ja sopivat jatkotoimista.",
            "Demoevenemang. Experter och företag från Helsingfors och Tallinn delar erfarenheter av gemensamma "
            "datamängder och kommer överens om fortsatta åtgärder.",
            "Demo event. Experts and companies from Helsinki and Tallinn share experiences of joint datasets and "
            "agree on next steps.",
        ),
        "kind": EventKind.WORKSHOP, "status": EventStatus.SCHEDULED, "attendance_mode": AttendanceMode.IN_PERSON,
        "start": datetime(2027, 3, 17, 9, 0, tzinfo=HELSINKI), "end": datetime(2027, 3, 17, 15, 0, tzinfo=HELSINKI),
        "venue_name": T("Helsinki", "Helsingfors", "Helsinki"), "city": "helsinki", **HELSINKI_CENTRE,
        "organisers": ["fvh", "city-helsinki"], "projects": ["finest-twins"], "focus_areas": ["urban-analytics"],
    },
]
