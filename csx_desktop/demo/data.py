"""The made-up people and stories of the demo round, as plain data.

Everyone here is fictional; the places are Stockton-on-Tees' own so the demo reads like the
council's real round. The data is a Python module rather than a JSON file so it installs with
the package (``resources/`` sits outside it) and mypy checks its shape.

Nominee names are sometimes typed with different case or spacing, as people type them into a
form: the store groups those into one entry. The first-received nomination of each nominee is
spelled properly, because the entry takes its name from the first nomination.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from csx_desktop.domain.model import InterestKind, PanelGroup, Signatory
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON, SHINING_STAR, TEAM

ROUND_NAME = "Customer Service Awards 2026 (demo)"
ROUND_YEAR = 2026
ADMIN_PASSPHRASE = "demo-admin"

# Where the nominations "came from": the demo imitates one export of the council's form tool.
SOURCE = "Nominations form export (demo).xlsx"

SIGNATORIES: tuple[Signatory, Signatory] = (
    Signatory("Catherine Ellwood", "Chief Executive"),
    Signatory(
        "Councillor Dennis Harbottle",
        "Cabinet Member for Access, Communities and Community Safety",
    ),
)


@dataclass(frozen=True, slots=True)
class DemoNomination:
    """One made-up form response; ``received`` is UK time in March (GMT, so also UTC)."""

    category: str
    nominee: str
    service: str
    nominator: str
    email: str
    relationship: str
    received: str  # "YYYY-MM-DD HH:MM"
    citation: str
    team_members: tuple[str, ...] = ()
    nominating_body: str = ""

    @property
    def received_at(self) -> datetime:
        # Stored timestamps are UTC (store.migrations); before 29 March the UK is on GMT.
        return datetime.strptime(self.received, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class DemoMember:
    name: str
    group: PanelGroup
    pin: str
    is_chair: bool = False


@dataclass(frozen=True, slots=True)
class DemoInterest:
    member: str
    category: str
    nominee: str
    kind: InterestKind
    note: str


# ---- Pride of Stockton ---------------------------------------------------------------------

_PRIDE: tuple[DemoNomination, ...] = (
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Zoë Whitfield",
        "Housing Options",
        "Karen Lumsden",
        "karen.lumsden@stockton.gov.uk",
        "manager",
        "2026-03-03 10:14",
        "On a Friday in January a mum and her three children came to the housing desk at ten "
        "to five with nowhere to sleep that night. Zoë was on the duty rota until five; she "
        "was still with them at half past nine. She rang every provider on our list and two "
        "that weren't, found a family room in Thornaby, drove over with the keys herself and "
        "made sure there was food and nappies in the room before she left.\n\n"
        "What stays with me is that on Monday morning she had already booked the follow-up "
        "appointment and rung the school so the children wouldn't be marked absent. The "
        "family told me she never once made them feel like a case number.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "zoë whitfield",
        "Housing",
        "Shannon Bellamy",
        "shannonbellamy92@gmail.com",
        "service user",
        "2026-03-09 21:47",
        "I want to nominate Zoe from housing. I had been sofa surfing with my kids for 3 weeks "
        "and I was scared to go to the council because I thought they would take the kids off "
        "me. She sat with us for hours and kept saying we will sort this together, and we did. "
        "We are in our own flat in Hardwick now and she still rang to check the cooker was "
        "connected. She is a credit to Stockton.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Zoë  Whitfield",
        "Housing Options",
        "Darren Hutchinson",
        "darren.hutchinson@stockton.gov.uk",
        "colleague",
        "2026-03-17 13:02",
        "Zoë is the person the rest of Housing Options goes to when a case gets complicated. "
        "She can explain homelessness law to a frightened family so it makes sense, and "
        "explain a family's situation to a landlord so they say yes. Three new starters have "
        "shadowed her this year and all three say she is why they stayed.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Siobhán O'Neill",
        "Adult Social Care – Reablement",
        "Graham Tindale",
        "g.tindale@hotmail.co.uk",
        "resident",
        "2026-03-05 19:30",
        "Siobhán was one of the reablement team who came in to help my dad after his hip "
        "operation. Dad is 88 and very proud and he had decided he was going into a home. She "
        "never rushed him. She worked out that he would do his exercises if they were timed "
        "to the cricket on the radio, and by week four he was making his own breakfast "
        "again.\n\n"
        "She treated him like the man he is, not a patient. Dad asks after her every week.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Siobhán O’Neill",
        "Adult Social Care",
        "Bev Cartwright",
        "bev.cartwright@stockton.gov.uk",
        "colleague",
        "2026-03-12 08:55",
        "Siobhán covered three extra runs a week through the winter when the team was short, "
        "and she never let it show to the people she visits. She also noticed that a "
        "gentleman in Roseworth was being taken advantage of by a 'friend' and raised the "
        "safeguarding concern with real care and tact. He is safe now because she listened "
        "to what he wasn't saying.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Nguyễn Thị Minh Khai",
        "Registration Service",
        "Eileen Forster",
        "eileen.forster47@gmail.com",
        "resident",
        "2026-03-06 11:20",
        "When my husband died I had to register the death and I could not think straight. "
        "Minh Khai at the Register Office did the Tell Us Once for me so I did not have to "
        "ring the pension people, the bank and the council tax one by one. She noticed I had "
        "not eaten and made me a cup of tea and found me a biscuit, and she wrote everything "
        "down in a little list for me to take home. It was the worst week of my life and she "
        "made one part of it kind.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Łukasz Nowak",
        "Waste Services (Care for Your Area)",
        "Sheila Barnes",
        "sheila.barnes58@outlook.com",
        "resident",
        "2026-03-10 16:05",
        "Lukasz is on the bin wagon in our street in Norton. My neighbour Mr Atkinson is 91 "
        "and on the assisted collection. In February Lukasz noticed his bin hadn't been put "
        "out and his curtains were still closed at ten in the morning, so he knocked and then "
        "looked through the letterbox. Mr Atkinson had fallen in the hall the night before.\n\n"
        "Lukasz stayed with him until the ambulance came and the crew finished the round late "
        "because of it. Mr Atkinson is home again and telling everyone about 'his binman'.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Dorothy Pickering",
        "School Crossing Patrol",
        "Claire Moffat",
        "clairemoffat.ib@gmail.com",
        "resident",
        "2026-03-04 08:41",
        "Dot has been the lollipop lady outside our school in Ingleby Barwick for 27 years and "
        "she knows every child by name, and most of their parents because she crossed them "
        "too. When my son was being bullied last year it was Dot who noticed he'd stopped "
        "talking on the way in, and she quietly told his teacher. She is out there in every "
        "weather with a smile.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "dorothy pickering",
        "School Crossing Patrol",
        "James Stephenson",
        "head@ingleby-meadows-primary.org.uk",
        "partner agency",
        "2026-03-18 15:30",
        "Mrs Pickering is part of our school community. She reports every near miss to the "
        "road safety team and has persuaded the parking officers to come at the right times. "
        "She has taught a generation of Ingleby Barwick children to cross a road safely. Our "
        "Year 6 pupils asked for her to be nominated; this citation is theirs as much as mine.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Jamal Haddad",
        "Community Safety – Civic Enforcement",
        "Rev. Andrew Kitching",
        "revandykitching@gmail.com",
        "partner agency",
        "2026-03-11 10:10",
        "Jamal is one of the civic enforcement officers on Stockton High Street. Over the "
        "winter he got to know every one of the men sleeping in the doorways by name and took "
        "the time to find out why each of them was there. He brought two of them to our "
        "church night shelter himself and stayed to help fill in the housing forms. One of "
        "them has just moved into his own tenancy. Jamal treats people with a dignity a lot "
        "of them haven't been shown for a long time.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Priya Ramanathan",
        "Adult Social Care – Occupational Therapy",
        "Lorraine Heslop",
        "lorraineheslop@hotmail.co.uk",
        "resident",
        "2026-03-14 20:12",
        "My mum has MS and was struggling with the stairs in her house in Billingham. Priya "
        "came out to assess her and did not just tick boxes. She asked what Mum missed doing "
        "and Mum said gardening, so the plan included a rail by the back step and a perching "
        "stool so she can pot up her tomatoes. The stairlift went in within six weeks.\n\n"
        "Mum said it was the first time in years someone had asked what she wanted rather "
        "than what she couldn't do.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Gareth Lowther",
        "Facilities Management",
        "Julie Ramsbottom",
        "julie.ramsbottom@stockton.gov.uk",
        "colleague",
        "2026-03-19 12:40",
        "Gareth is the caretaker at the Municipal Buildings and the first person a lot of "
        "visitors meet. When a visually impaired resident came in for a council meeting he met "
        "her at the bus stop and walked the route with her. Afterwards he fitted the tactile "
        "stair markings that had sat on the snagging list for two years. He is also the reason "
        "the staff food bank box is always full.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Bernadette Kilgallon",
        "Registration Service",
        "Moira Jennings",
        "moira.jennings@nhs.net",
        "partner agency",
        "2026-03-07 14:25",
        "One of our patients at the hospice wanted to marry her partner of 30 years and we "
        "were told she might only have days. Bernadette arranged the licence the same "
        "afternoon, came in on her day off and conducted the ceremony at the bedside with "
        "the family around them. She even brought flowers.\n\n"
        "The family said it was the happiest day they'd had in a long time. Bernadette made "
        "something very hard feel normal and joyful.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "bernadette  kilgallon",
        "Registration Service",
        "Steph Garbutt",
        "steph.garbutt@stockton.gov.uk",
        "colleague",
        "2026-03-21 09:03",
        "Bernie is the calm one in our office. She has trained every one of the new "
        "registrars and always tells them 'it's their day, not ours'. She volunteered for the "
        "bedside wedding at the hospice and didn't tell any of us about it until the family "
        "wrote in.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Callum Fairless",
        "Revenues and Benefits",
        "Angela Dinsdale",
        "angela.dinsdale@stockton.gov.uk",
        "manager",
        "2026-03-13 11:48",
        "Callum is in the first year of his apprenticeship. A man rang in very distressed "
        "about a council tax summons and said he could see no way out. Callum kept him "
        "talking, quietly got a colleague to alert the crisis team, then set up a payment "
        "arrangement he could afford and referred him to welfare rights. He followed the "
        "process perfectly and, more than that, he made the man feel someone was on his side.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Anita Sedgwick",
        "Family Hubs – Thornaby",
        "Rachel Mowbray",
        "rachel.mowbray@nhs.net",
        "partner agency",
        "2026-03-20 15:55",
        "Anita runs the baby group at Thornaby Family Hub. She noticed that a young mum who "
        "had recently arrived from Syria had stopped coming, and found her again through our "
        "health visiting team. With an interpreter she learned the mum had been too "
        "embarrassed that she had no pram. Anita sorted one from the baby bank that week, and "
        "the mum now helps set up the group.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Tom Iveson",
        "Parks and Countryside – Preston Park",
        "Keith Dobson",
        "keith.dobson1951@btinternet.com",
        "resident",
        "2026-03-08 17:22",
        "Tom runs the volunteer group at Preston Park that I joined after I retired and lost "
        "my wife. Some weeks I would not have left the house if it wasn't for Tuesday mornings "
        "with Tom. He gives everyone a proper job, trusts us to get on with it and always says "
        "thank you. There are twelve of us now and the walled garden has never looked better.",
    ),
    DemoNomination(
        PRIDE_OF_STOCKTON,
        "Halima Begum",
        "Welfare Rights",
        "Terry Blenkinsop",
        "terry.blenkinsop@yahoo.co.uk",
        "service user",
        "2026-03-16 10:31",
        "Halima helped me appeal my PIP decision after I'd given up. She went through every "
        "page of my medical evidence, explained what the tribunal would ask and came with me "
        "on the day. I won and the payments were backdated, which meant I could clear the "
        "arrears on my gas. She never made me feel stupid for not understanding the forms.",
    ),
)

# ---- Extra Mile ----------------------------------------------------------------------------

_EXTRA_MILE: tuple[DemoNomination, ...] = (
    DemoNomination(
        EXTRA_MILE,
        "Maya Lindqvist",
        "Adult Social Care",
        "Neil Armitage",
        "neil.armitage@stockton.gov.uk",
        "manager",
        "2026-03-02 16:40",
        "Maya took on the discharge letters project on top of a full caseload because she was "
        "tired of families ringing us confused and frightened. Nobody asked her to. She tested "
        "every draft with real carers, got it through legal and the hospital trust, and "
        "trained the rest of the team to use it. It is the kind of change that sounds small "
        "and makes a huge difference.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "maya lindqvist",
        "Adult Social Care",
        "Janet Coulson",
        "janet.coulson@stockton.gov.uk",
        "colleague",
        "2026-03-14 09:26",
        "She rewrote the discharge letters with the families who read them, and calls every "
        "family the day after they get home. The old letters were four pages of jargon; Maya "
        "sat down with a group of carers at the carers' centre and rewrote them line by line "
        "until they made sense. Now they are one page, in plain English, with a named person "
        "and a direct phone number.\n\n"
        "Complaints about hospital discharge have fallen by more than half since October, and "
        "the hospital discharge team have asked to use her template.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Maya  Lindqvist ",
        "Adult Social Care",
        "Kelly Proudlock",
        "kelly.proudlock@nhs.net",
        "partner agency",
        "2026-03-24 13:15",
        "From the hospital side: Maya's new letters mean patients leave the ward knowing "
        "exactly who will visit and when. Readmissions in the first week for people going "
        "home with a package of care have dropped. She also comes to our Thursday huddle in "
        "person, which nobody from the council had done before.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Owen Marsh",
        "Libraries – Thornaby Library",
        "Sarah Elstob",
        "sarah.elstob@stockton.gov.uk",
        "colleague",
        "2026-03-05 10:02",
        "Owen noticed older customers coming into the library close to tears because their "
        "GP, their bank and now their parking permits had all gone online. So he started a "
        "'Tech and a Cuppa' drop-in on Tuesday afternoons, on his own initiative, using the "
        "public PCs and his own tablet. He wrote large-print step-by-step cards for the NHS "
        "App, online banking and reporting a missed bin.\n\n"
        "It now runs in three libraries with volunteers he recruited and trained, and more "
        "than 200 residents have come through the door.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "owen marsh",
        "Thornaby Library",
        "Maureen Swales",
        "maureen.swales@btinternet.com",
        "resident",
        "2026-03-22 14:50",
        "I am 79 and I was frightened of the computer. Owen was so patient with me, he showed "
        "me how to do video calls so I can see my great granddaughter in Australia. He never "
        "made me feel daft. He deserves a medal.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Ruth Akintola",
        "Customer Services – Contact Centre",
        "Phil Kirtley",
        "phil.kirtley@stockton.gov.uk",
        "manager",
        "2026-03-03 08:30",
        "On the night of 14 January, when Lustrum Beck came over its banks, Ruth was on the "
        "late shift in the contact centre. She stayed on the phones until 2am, long after her "
        "shift ended, taking calls from frightened residents in Hartburn and Bishopsgarth. "
        "She kept a running list of every vulnerable caller and passed it to the rest centre "
        "so that nobody was missed.\n\n"
        "She was back in at eight the next morning to ring each of them back. She also wrote "
        "up what worked and what didn't, which has become our flood-night script.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "ruth akintola",
        "Contact Centre",
        "Paul Carrick",
        "paulcarrick77@gmail.com",
        "resident",
        "2026-03-15 19:05",
        "When our house flooded in January I rang the council in a panic at about midnight. "
        "The lady I spoke to, Ruth, stayed calm, told me exactly what to do about the "
        "electrics and sorted sandbags and a place at the rest centre for my mother-in-law. "
        "She rang back the next day to check we were OK. I didn't expect that from a council.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Ben Castleton",
        "Xentrall ICT",
        "Gemma Lister",
        "gemma.lister@xentrall.org.uk",
        "colleague",
        "2026-03-12 15:18",
        "Ben volunteered to get 300 laptops out to care staff before the old system was "
        "switched off. When he realised many of the home care workers had never used a laptop, "
        "he ran the hand-over sessions at 7am and 7pm so they could come between shifts. He "
        "also made a short video guide with subtitles in three languages.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Ivy Grainger",
        "School Catering",
        "Marion Tweddle",
        "marion.tweddle@stockton.gov.uk",
        "manager",
        "2026-03-10 11:11",
        "Ivy is a cook manager at one of our primary schools. Last summer she realised some of "
        "her children would go hungry over the holidays, so she pulled together a holiday "
        "lunch club with the school, a local supermarket and the family hub. She planned the "
        "menus, trained the volunteers in food hygiene and cooked on days she wasn't paid "
        "for. More than 60 children had a hot meal every weekday of the holidays.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Kieran Doyle",
        "Highways – Winter Maintenance",
        "Dave Metcalfe",
        "davemetcalfe.yarm@gmail.com",
        "resident",
        "2026-03-18 07:55",
        "During the snow in early January Kieran was gritting Yarm bank at 4am when he saw a "
        "car had slid into the hedge with a young mum and her baby inside. He got them into "
        "his cab to keep warm and called for help, then went back and gritted the bank again "
        "so nobody else went off. Then he finished the rest of his route.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Fatima Zahra Idrissi",
        "Children's Social Care",
        "Hollie Burdon",
        "hollie.burdon@stockton.gov.uk",
        "colleague",
        "2026-03-09 12:34",
        "Fatima was allocated a young deaf lad who had been let down by a lot of services. "
        "Rather than rely on booking interpreters for every visit, she signed up for BSL "
        "Level 1 at night school, paid for it herself, and has now started Level 2. He told "
        "his reviewing officer that Fatima is the first social worker who has ever talked to "
        "him rather than about him.\n\n"
        "She has also written a short guide for the team on working with deaf children and "
        "young people.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Stuart Pybus",
        "Electoral Services",
        "Colin Rutter",
        "colin.rutter.access@gmail.com",
        "partner agency",
        "2026-03-19 10:47",
        "Stuart asked our disability forum to walk round polling stations with him before the "
        "May elections and write down everything that made voting hard. Then he fixed most of "
        "it: ramps, better lighting, a tactile voting device at every station and large-print "
        "candidate lists. Three of our members voted in person for the first time in years.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Leanne Craggs",
        "Revenues and Benefits",
        "Angela Dinsdale",
        "angela.dinsdale@stockton.gov.uk",
        "manager",
        "2026-03-06 09:20",
        "Leanne rewrote our council tax reminder letters in plain English, tested them with "
        "residents at the Thornaby hub and persuaded us to put a free phone number and an "
        "offer of help on the front page. Since the new letters went out, summonses are down "
        "18% and calls asking what a letter means have almost stopped. She did all of it "
        "while covering two vacancies.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "LEANNE CRAGGS",
        "Revenues & Benefits",
        "Ryan Shepherd",
        "ryan.shepherd@stockton.gov.uk",
        "colleague",
        "2026-03-23 16:02",
        "Leanne never gives up on a customer. She stays late to return calls and she taught "
        "half the team how to use the new system.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Mohammed Rafiq",
        "Passenger Transport",
        "Gemma Hodgson",
        "gemmahodgson.norton@gmail.com",
        "resident",
        "2026-03-11 18:40",
        "Mo drives the minibus that takes my son to his special school. My son is autistic "
        "and finds changes really hard. When the route changed Mo made him a picture timetable "
        "and came round the week before to show him the new bus. He always has the same seat "
        "ready and the same music on, and my son now looks forward to school.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Hannah Ogden",
        "Public Health",
        "Ian Wardle",
        "ian.wardle@nhs.net",
        "partner agency",
        "2026-03-25 12:00",
        "Hannah noticed flu jab uptake was lowest in exactly the neighbourhoods where people "
        "were most at risk. She set up pop-up clinics in Portrack and Mandale community "
        "centres with our pharmacy, did the leaflets herself in five languages and stood "
        "outside with a tray of biscuits. We vaccinated 412 people who had never had a flu "
        "jab before.",
    ),
    DemoNomination(
        EXTRA_MILE,
        "Deepak Sharma",
        "Xentrall Payroll",
        "Nicola Hume",
        "nicola.hume@xentrall.org.uk",
        "colleague",
        "2026-03-26 09:40",
        "When a supplier update corrupted the payroll file two days before December pay day, "
        "Deepak worked through the night and the whole weekend to rebuild it and check every "
        "line against the previous month. Four thousand staff were paid correctly and on time "
        "at Christmas, and most of them never knew there had been a problem.",
    ),
)

# ---- Team ----------------------------------------------------------------------------------

_THORNABY_HUB = (
    "Joanne Allison",
    "Kevin Liddle",
    "Paula Featherstone",
    "Amir Hussain",
    "Sophie Laidler",
)
_FLOOD_TEAM = (
    "Chris Lamb",
    "Natalie Wren",
    "Steve Oxley",
    "Martin Hebron",
    "Asif Mahmood",
    "Kerry Pattinson",
    "Ruth Akintola",
)

_TEAM: tuple[DemoNomination, ...] = (
    DemoNomination(
        TEAM,
        "Thornaby Hub Customer Services Team",
        "Customer Services",
        "Brenda Wilkinson",
        "brenda.wilkinson@talktalk.net",
        "resident",
        "2026-03-04 13:40",
        "The team at the Thornaby customer services hub are always friendly and help with "
        "anything, even things that aren't the council's job. When my husband went into "
        "hospital they helped me renew his blue badge, sort the council tax discount and book "
        "a bulky collection all in one visit. They all know what the others are good at and "
        "pass you to the right person without making you repeat yourself.",
        team_members=_THORNABY_HUB,
    ),
    DemoNomination(
        TEAM,
        "thornaby hub customer services team",
        "Customer Services",
        "Phil Kirtley",
        "phil.kirtley@stockton.gov.uk",
        "manager",
        "2026-03-20 11:15",
        "The Thornaby hub team took on face-to-face benefits and housing enquiries when the "
        "town centre office closed for refurbishment, which doubled their footfall overnight. "
        "They reorganised themselves so each of them became the go-to person for one service "
        "and trained the others.\n\n"
        "Queues are shorter than before the change and customer satisfaction is up to 94%.",
        team_members=_THORNABY_HUB,
    ),
    DemoNomination(
        TEAM,
        "Winter Flood Response Team",
        "Community Services, Environment and Culture",
        "Craig Bell",
        "craig.bell@clevelandfire.gov.uk",
        "partner agency",
        "2026-03-07 09:15",
        "In the early hours of 14 January the council's flood team were on the ground in "
        "Hartburn alongside our crews within forty minutes of the first call. Drainage "
        "engineers, highways, housing and the contact centre worked as one: gullies were "
        "cleared, roads closed and a rest centre opened by 1am. I have worked many floods and "
        "this was the most joined-up response I have seen from a local authority.",
        team_members=_FLOOD_TEAM,
    ),
    DemoNomination(
        TEAM,
        "Winter  Flood Response team",
        "Flood response",
        "Alan Garthwaite",
        "alan.sue.garthwaite@gmail.com",
        "resident",
        "2026-03-13 18:18",
        "Our street in Bishopsgarth flooded in January. Within an hour there were council "
        "people with sandbags, someone checking on the old lady at number 12, and a man from "
        "highways who came back three times through the night to clear the drain. Two weeks "
        "later someone rang to ask how we were getting on with the insurance. Thank you all.",
        team_members=_FLOOD_TEAM,
    ),
    DemoNomination(
        TEAM,
        "Billingham North Refuse Crew",
        "Waste Services (Care for Your Area)",
        "PC Hayley Robson",
        "hayley.robson@cleveland.police.uk",
        "partner agency",
        "2026-03-08 09:50",
        "In November a man in his eighties with dementia went missing from his home in "
        "Billingham overnight. The crew on the Billingham North round had seen our appeal and "
        "agreed between them to check every alleyway, garden and garage block on their route "
        "as they went. At about 10am Darius found him cold and confused behind a row of "
        "garages; the crew wrapped him in their coats and kept him talking until we arrived.\n\n"
        "His family are in no doubt that the crew saved his life.",
        team_members=("Wayne Clish", "Lee Bainbridge", "Darius Kowalczyk", "Mark Sowerby"),
    ),
    DemoNomination(
        TEAM,
        "Homes for Ukraine Support Team",
        "Housing and Communities",
        "Olha Shevchenko",
        "olha.shevchenko.uk@gmail.com",
        "service user",
        "2026-03-16 14:10",
        "The Homes for Ukraine team have supported more than 140 Ukrainian guests and their "
        "hosts in Stockton-on-Tees, my family among them. Each of them brings something "
        "different: Olena interprets and understands what we have been through, Sam knows "
        "housing inside out, Diane sorts school places and Tariq looks after the payments to "
        "hosts. When our hosting broke down late one night they had us somewhere safe before "
        "morning. They make people feel welcome, not processed.",
        team_members=("Olena Kravets", "Sam Trotter", "Diane Wake", "Tariq Aziz", "Heather Coates"),
    ),
    DemoNomination(
        TEAM,
        "SEND Transport Team",
        "Passenger Transport",
        "Sharon Laverick",
        "sharon.laverick@stockton.gov.uk",
        "manager",
        "2026-03-21 10:25",
        "When one of our minibus contractors went into administration on a Friday afternoon, "
        "46 children with special educational needs had no way to get to school on Monday. "
        "Over one weekend the team re-planned every route, borrowed drivers from other "
        "services, rang every family personally and had escorts briefed by Sunday night. Not "
        "one child missed school. Lynn's route planning, Peter's knowledge of the fleet and "
        "Jade's relationships with families all came together.",
        team_members=("Lynn Brough", "Peter Allinson", "Jade Walton"),
    ),
    DemoNomination(
        TEAM,
        "Events and Festivals Team",
        "Culture, Leisure and Events",
        "Lauren Mackie",
        "lauren.mackie@stockton.gov.uk",
        "colleague",
        "2026-03-27 12:30",
        "The events team delivered the riverside festival, the Christmas lights switch-on and "
        "the fireworks at Preston Park this year with two fewer staff than last year. They "
        "brought in a quiet hour at the Christmas market for families with autistic children, "
        "which was so popular it now runs every Saturday. Everyone on the team owns a part, "
        "from the stewarding plan to the accessibility map.",
        team_members=(
            "Gemma Skelton",
            "Rob Garside",
            "Anjali Mistry",
            "Joe Pallister",
            "Shauna Kelly",
            "Dan Ridley",
        ),
    ),
)

# ---- Shining Star: one per nominating body, "Finance, Development and Regeneration" left out
# so the app can show a body that has not nominated yet. -------------------------------------

NOT_YET_NOMINATED = "Finance, Development and Regeneration"

_SHINING_STAR: tuple[DemoNomination, ...] = (
    DemoNomination(
        SHINING_STAR,
        "Grace Etherington",
        "Adult Social Care – Reablement",
        "Jane Humphries",
        "jane.humphries@stockton.gov.uk",
        "Service Director",
        "2026-03-20 17:00",
        "Grace has led the reablement service through its busiest winter on record without a "
        "single missed visit. Her staff say she is the first to pick up the phone at 6am and "
        "the last to leave. We nominate her for the way she has built a team people want to "
        "stay in.",
        nominating_body="Adults, Health and Wellbeing",
    ),
    DemoNomination(
        SHINING_STAR,
        "Aaron Bulmer",
        "Youth Service",
        "Martin Coyle",
        "martin.coyle@stockton.gov.uk",
        "Service Director",
        "2026-03-23 12:15",
        "Aaron set up the youth club at the Roseworth community centre after a run of "
        "antisocial behaviour, and persuaded some of the lads causing the trouble to help run "
        "it. He has a gift for being taken seriously by young people who don't trust adults.",
        nominating_body="Children's Services",
    ),
    DemoNomination(
        SHINING_STAR,
        "Kwame Mensah",
        "Street Scene – Town Centre Cleansing",
        "Lesley Harker",
        "lesley.harker@stockton.gov.uk",
        "Service Director",
        "2026-03-24 09:30",
        "Kwame supervises the town centre cleansing crews and has turned the early shift into "
        "a team residents stop to thank. He started the 'adopt a street' scheme with High "
        "Street businesses and has mentored four apprentices into permanent jobs.",
        nominating_body="Community Services, Environment and Culture",
    ),
    DemoNomination(
        SHINING_STAR,
        "Rebecca Lindsay",
        "Democratic Services",
        "Howard Pennick",
        "howard.pennick@stockton.gov.uk",
        "Service Director",
        "2026-03-25 16:45",
        "Rebecca organised the council's first Council meeting with live subtitles and a BSL "
        "interpreter, and she helps any councillor or resident who is lost in the committee "
        "process. She is who everyone in Corporate Services names when someone asks 'who can "
        "help me with this?'.",
        nominating_body="Corporate Services",
    ),
    DemoNomination(
        SHINING_STAR,
        "Sunil Varma",
        "Xentrall ICT Service Desk",
        "Fiona Lockwood",
        "fiona.lockwood@xentrall.org.uk",
        "Head of Xentrall Shared Services",
        "2026-03-26 11:05",
        "Sunil is the voice of the Xentrall service desk for hundreds of Stockton and "
        "Darlington staff. He is patient with the most frustrated callers and explains what "
        "went wrong in words people understand.\n\n"
        "He wrote the self-help guides that now resolve a third of password calls without a "
        "ticket.",
        nominating_body="Xentrall Shared Services",
    ),
)

NOMINATIONS: tuple[DemoNomination, ...] = _PRIDE + _EXTRA_MILE + _TEAM + _SHINING_STAR

# How strong each scored entry is on the 0-5 scale, so the demo's rankings follow the
# citations: judges score around this value (see builder). Keyed by the proper spelling.
QUALITY: dict[str, float] = {
    # Pride of Stockton
    "Zoë Whitfield": 4.4,
    "Siobhán O'Neill": 4.0,
    "Nguyễn Thị Minh Khai": 3.6,
    "Łukasz Nowak": 3.9,
    "Dorothy Pickering": 3.7,
    "Jamal Haddad": 3.3,
    "Priya Ramanathan": 3.4,
    "Gareth Lowther": 2.7,
    "Bernadette Kilgallon": 4.2,
    "Callum Fairless": 3.1,
    "Anita Sedgwick": 3.5,
    "Tom Iveson": 3.0,
    "Halima Begum": 3.2,
    # Extra Mile
    "Maya Lindqvist": 4.6,
    "Owen Marsh": 4.1,
    "Ruth Akintola": 4.3,
    "Ben Castleton": 3.2,
    "Ivy Grainger": 3.8,
    "Kieran Doyle": 3.4,
    "Fatima Zahra Idrissi": 3.9,
    "Stuart Pybus": 3.5,
    "Leanne Craggs": 3.6,
    "Mohammed Rafiq": 2.9,
    "Hannah Ogden": 3.7,
    "Deepak Sharma": 3.3,
    # Team
    "Thornaby Hub Customer Services Team": 3.6,
    "Winter Flood Response Team": 4.4,
    "Billingham North Refuse Crew": 4.0,
    "Homes for Ukraine Support Team": 3.7,
    "SEND Transport Team": 4.1,
    "Events and Festivals Team": 3.2,
}

# ---- the panel -----------------------------------------------------------------------------

# PINs run 111111..999999 in this order (6 digits, as every new PIN must be); the builder's
# docstring lists them for demonstrators.
PANEL: tuple[DemoMember, ...] = (
    DemoMember("Margaret Teesdale", PanelGroup.CATALYST, "111111"),
    DemoMember("Imran Chaudhry", PanelGroup.CATALYST, "222222"),
    DemoMember("Lily Ashworth", PanelGroup.CATALYST, "333333"),
    DemoMember("Nora Quinn", PanelGroup.CSE_ASSESSOR, "444444"),
    DemoMember("David Okafor", PanelGroup.CSE_ASSESSOR, "555555"),
    DemoMember("Rachel Brannigan", PanelGroup.CSE_ASSESSOR, "666666"),
    DemoMember("Sandra Pounder", PanelGroup.OFFICER, "777777", is_chair=True),
    DemoMember("Michael Thwaites", PanelGroup.OFFICER, "888888"),
    DemoMember("Aisha Karim", PanelGroup.OFFICER, "999999"),
)

INTERESTS: tuple[DemoInterest, ...] = (
    DemoInterest(
        "Aisha Karim",
        PRIDE_OF_STOCKTON,
        "Zoë Whitfield",
        InterestKind.PERSONAL,
        "Works in the same team (Housing Options).",
    ),
    DemoInterest(
        "Imran Chaudhry",
        PRIDE_OF_STOCKTON,
        "Halima Begum",
        InterestKind.PREJUDICIAL,
        "She is my sister-in-law.",
    ),
    DemoInterest(
        "Nora Quinn",
        EXTRA_MILE,
        "Ivy Grainger",
        InterestKind.PERSONAL,
        "Neighbour; our children were at school together.",
    ),
    DemoInterest(
        "Michael Thwaites",
        TEAM,
        "Winter Flood Response Team",
        InterestKind.PREJUDICIAL,
        "I was on the council's flood rota that night and worked alongside the team.",
    ),
)

# ---- the comments judges have left so far --------------------------------------------------

# (member, category, nominee, comment). Imran Chaudhry and Sandra Pounder are the pair who
# disagree strongly on Jamal Haddad (see builder.DISAGREEMENT); their comments say why.
COMMENTS: tuple[tuple[str, str, str, str], ...] = (
    (
        "Imran Chaudhry",
        PRIDE_OF_STOCKTON,
        "Jamal Haddad",
        "I've seen what Jamal does on the High Street late at night. This is exactly the kind "
        "of person the award is for.",
    ),
    (
        "Sandra Pounder",
        PRIDE_OF_STOCKTON,
        "Jamal Haddad",
        "Good work, but the citation describes the warden role done well rather than anything "
        "beyond it. Worth discussing on the day.",
    ),
    (
        "Margaret Teesdale",
        PRIDE_OF_STOCKTON,
        "Dorothy Pickering",
        "27 years in every weather! The children's own words make this one.",
    ),
    (
        "David Okafor",
        PRIDE_OF_STOCKTON,
        "Bernadette Kilgallon",
        "The second nomination shows the hospice wedding is typical of her, not a one-off.",
    ),
    (
        "Nora Quinn",
        EXTRA_MILE,
        "Maya Lindqvist",
        "Co-designed with carers and measured the result: strong on 'tried something new'.",
    ),
    (
        "Sandra Pounder",
        TEAM,
        "SEND Transport Team",
        "Not one child missed school: the citation names what each member brought, which is "
        "exactly what this category asks for.",
    ),
)
