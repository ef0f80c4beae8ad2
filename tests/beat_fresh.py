"""Two invented stories written blind as a further check of the beats' grouping: by
a helper who saw neither the code nor its weights, after every other set was
labelled. They were scored before and after a story's topic words were weighed by
their spread (P/R 0.79 / 0.89, then 0.91 / 0.89), and looked at once more to choose
between two settings of the weights that scored alike on the other sets (README,
"Claims"). Longer than the other stories: 12 to 18 sentences an article, with
background, quotes, filler ("Only time will tell") and the story's names in many
sentences, as real coverage has.

Same form as tests/beat_fixtures.py: each article is a list of (label, sentence).
"""

from __future__ import annotations

from tests.beat_fixtures import Story

# Story one: theft of the Ashby Hoard from Brackenford Museum (invented town, museum, people).
MUSEUM: Story = {
    "Newswire UK": [
        (
            "theft",
            "Thieves broke into Brackenford Museum in the early hours of Sunday and escaped with the Ashby Hoard, a celebrated collection of Anglo-Saxon gold, police said.",
        ),
        (
            "entry",
            "The intruders got in through a skylight in the roof of the museum's east gallery, Avonshire Police said.",
        ),
        (
            "alarm",
            "An alarm was triggered at 3:42 a.m. and officers arrived at the scene within seven minutes, but the thieves had already fled.",
        ),
        (
            "contents",
            "The hoard, which includes 14 pieces of gold and garnet metalwork, among them a sword pommel and a pair of shoulder clasps, was displayed in a single reinforced case.",
        ),
        (
            "value",
            "It was valued at around 3.2 million pounds when it was last assessed for insurance purposes in 2022.",
        ),
        (
            "getaway",
            "A resident reported seeing a dark-coloured van leaving Mill Lane, behind the museum, at speed shortly after the alarm sounded.",
        ),
        (
            "police quote",
            '"This was a targeted and carefully planned raid, and we believe those responsible knew exactly what they were looking for," Detective Inspector Rajesh Patel said.',
        ),
        ("arrests", "No arrests have been made."),
        (
            "appeal",
            "Police have appealed for anyone who was in the Mill Lane area between 3 a.m. and 5 a.m. to come forward.",
        ),
        (
            "director quote",
            '"We are heartbroken. The Ashby Hoard belongs to the people of Brackenford and it is irreplaceable," said museum director Helen Marsh.',
        ),
        (
            "discovery",
            "The hoard was found in 2011 by a metal detectorist in a ploughed field near the village of Ashby Parva, about six miles from Brackenford.",
        ),
        (
            "acquisition",
            "Brackenford Museum acquired it in 2013 for 1.1 million pounds after a public fundraising campaign backed by the National Heritage Memorial Fund.",
        ),
        (
            "untouched",
            "A display of Roman coins in the same gallery was left untouched, police said.",
        ),
        (
            "loan plan",
            "The Ashby Hoard had been due to travel to the British Museum in the autumn for a major exhibition on early medieval England.",
        ),
        (
            "closure",
            "The museum, which is run by Brackenford Borough Council, will remain closed until further notice.",
        ),
        (
            "melt fear",
            "Heritage experts warned that the gold could be melted down, which would make the pieces impossible to recover.",
        ),
        (
            "security upgrade",
            "The council approved a 400,000-pound upgrade to the museum's security systems in March, but work was not due to start until next year.",
        ),
        (
            "gallery history",
            "The east gallery reopened in 2023 after a two-year refurbishment, with the Ashby Hoard as its centrepiece.",
        ),
    ],
    "The Midlands Courier": [
        (
            "theft",
            "Thieves broke into Brackenford Museum in the early hours of Sunday and made off with the Ashby Hoard, the celebrated collection of Anglo-Saxon gold.",
        ),
        (
            "entry",
            "Avonshire Police said the raiders got in through a skylight in the roof of the east gallery.",
        ),
        (
            "alarm",
            "The alarm was triggered at 3.42am and officers were at the scene within seven minutes, but the thieves had already gone.",
        ),
        (
            "contents",
            "The hoard includes 14 pieces of gold and garnet metalwork, including a sword pommel and a pair of shoulder clasps.",
        ),
        (
            "value",
            "It was valued at around \u00a33.2 million at its last insurance assessment in 2022.",
        ),
        (
            "police quote",
            'Detective Inspector Rajesh Patel said: "This was a targeted and carefully planned raid, and we believe those responsible knew exactly what they were looking for."',
        ),
        (
            "getaway",
            "A dark-coloured van was seen leaving Mill Lane, behind the museum, at speed shortly after the alarm sounded.",
        ),
        (
            "appeal",
            "Police are appealing for anyone who was in the Mill Lane area between 3am and 5am on Sunday to get in touch, quoting incident 88 of 14 April.",
        ),
        ("arrests", "No arrests have yet been made."),
        (
            "director quote",
            'Museum director Helen Marsh said: "We are heartbroken. The Ashby Hoard belongs to the people of Brackenford and it is irreplaceable."',
        ),
        (
            "discovery",
            "The hoard was unearthed in 2011 by a metal detectorist in a field near Ashby Parva, six miles from Brackenford.",
        ),
        (
            "acquisition",
            "The museum bought it in 2013 for \u00a31.1 million following a public fundraising appeal.",
        ),
        ("closure", "Brackenford Museum will remain closed until further notice."),
        (
            "security upgrade",
            "Brackenford Borough Council approved a \u00a3400,000 upgrade to security at the museum in March, but the work was not scheduled to begin until next year.",
        ),
        (
            "council leader",
            'Council leader Sarah Okafor said the authority would "look very hard" at why the upgrade had not been brought forward.',
        ),
        (
            "road closure",
            "Mill Lane was closed to traffic for most of Sunday while forensic teams examined the scene.",
        ),
    ],
    "The Daily Ledger": [
        (
            "theft",
            "A hoard of Anglo-Saxon gold that took a nationwide appeal to keep in England has been stolen in an overnight raid on a small Midlands museum.",
        ),
        (
            "contents",
            "The Ashby Hoard, fourteen gold-and-garnet fittings thought to have been made for a seventh-century warlord, among them a sword pommel and two shoulder clasps, was the pride of Brackenford Museum.",
        ),
        (
            "entry",
            "Detectives believe the gang lowered themselves into the building through a roof light above the east gallery.",
        ),
        (
            "alarm",
            "Although the alarm went off just before a quarter to four and police were there in under ten minutes, the raiders had already escaped.",
        ),
        (
            "value",
            "The pieces are insured for more than three million pounds, but curators say their historical worth cannot be measured in money.",
        ),
        (
            "melt fear",
            "The greater fear among specialists is that the gold will be broken up or melted, destroying the objects for good.",
        ),
        (
            "ex-detective quote",
            '"Items this famous are almost impossible to sell intact, so thieves either hold them for ransom or they go into a crucible," said Charles Renfrew, a former Scotland Yard art and antiques detective.',
        ),
        (
            "dresden comparison",
            "The raid recalls the 2019 theft from Dresden's Green Vault, in which thieves smashed a display case and escaped with 18th-century jewels in a matter of minutes.",
        ),
        (
            "police quote",
            'Avonshire Police described the break-in as "targeted and carefully planned".',
        ),
        (
            "discovery",
            "The treasure was discovered by an amateur metal detector enthusiast in farmland near Ashby Parva in 2011.",
        ),
        (
            "acquisition",
            "Two years later the museum raised \u00a31.1m, much of it from a national heritage fund and thousands of small donations, to buy it from the landowner and finder.",
        ),
        (
            "director quote",
            'Helen Marsh, the museum\'s director, said staff were "heartbroken" and described the hoard as irreplaceable.',
        ),
        (
            "security upgrade",
            "It has emerged that councillors signed off \u00a3400,000 for better alarms and cameras at the museum last month, with installation not planned until 2025.",
        ),
        (
            "funding cut",
            "Brackenford Museum's funding was cut by 12 per cent in the council's last budget, according to the local Liberal Democrat group.",
        ),
        ("arrests", "Nobody has been arrested."),
    ],
    "Brackenford Gazette": [
        (
            "theft",
            "Brackenford woke up on Sunday to the news that its most treasured possession, the Ashby Hoard, had been stolen from the town museum.",
        ),
        (
            "alarm",
            "Police were called when the burglar alarm sounded at 3.42am, and a patrol car reached Market Square within seven minutes.",
        ),
        (
            "getaway",
            "Neighbours in Mill Lane told the Gazette they heard an engine revving and saw a dark van race off towards the bypass.",
        ),
        (
            "neighbour quote",
            '"I thought it was kids at first, then I saw the blue lights and realised something serious had happened," said retired teacher Margaret Hale, 71.',
        ),
        (
            "entry",
            "Officers say the thieves came in from above, through a skylight on the east gallery roof.",
        ),
        (
            "contents",
            "The haul: 14 exquisitely worked pieces of gold inlaid with garnets, including the famous sword pommel that appears on the town's tourism posters.",
        ),
        ("value", "Insurers put their value at some \u00a33.2m."),
        (
            "discovery",
            "The hoard was found in 2011 by local detectorist Tony Birch in a field outside Ashby Parva.",
        ),
        (
            "acquisition",
            "Gazette readers helped raise part of the \u00a31.1m needed to buy it for the museum two years later.",
        ),
        (
            "finder reaction",
            'Mr Birch, now 64, said he felt "sick to the stomach" when he heard the news.',
        ),
        (
            "appeal",
            "Detectives want to hear from anyone who was near Mill Lane between 3am and 5am, or who has dashcam footage from the bypass.",
        ),
        (
            "closure",
            "The museum is shut until further notice, and a school visit planned for Monday has been cancelled.",
        ),
        (
            "director quote",
            'Director Helen Marsh said staff were heartbroken, adding: "It belongs to the people of this town and it simply cannot be replaced."',
        ),
        (
            "security upgrade",
            "Only last month the borough council agreed to spend \u00a3400,000 on new alarms and cameras at the museum, but the work was not due to start until next spring.",
        ),
        (
            "opening hours vote",
            "At the same meeting councillors also approved plans to extend Brackenford Museum's opening hours over the summer.",
        ),
        (
            "market goes ahead",
            "Saturday's farmers' market in Market Square will go ahead as normal, the council said.",
        ),
    ],
    "HeritageBuzz": [
        ("buzz opener", "Well, this is one nobody in the heritage world wanted to wake up to."),
        (
            "theft",
            "The Ashby Hoard, the glittering Anglo-Saxon treasure that put little Brackenford on the map, has been stolen.",
        ),
        (
            "entry",
            "According to local reports, thieves got in through the roof of Brackenford Museum in the middle of the night and were gone before police arrived.",
        ),
        ("value", "The hoard is reportedly worth upwards of \u00a33 million."),
        (
            "contents",
            "If you've never seen it, it's a jaw-dropping set of gold and garnet pieces, and the sword pommel is genuinely one of the most beautiful objects in any British museum.",
        ),
        (
            "police quote",
            "Police are calling it a targeted job, which, frankly, will not surprise anyone.",
        ),
        (
            "melt fear",
            "The worst-case scenario is that it all ends up melted down, and there is no coming back from that.",
        ),
        (
            "buzz security debate",
            "Some will ask how a small regional museum was ever expected to protect something this valuable; others will say no museum is truly safe.",
        ),
        (
            "security upgrade",
            "It also turns out the council had only just approved a security upgrade that hadn't been installed yet, which is going to raise some awkward questions.",
        ),
        (
            "buzz past coverage",
            "We've covered plenty of museum heists on this site, but few hit quite as hard as this one.",
        ),
        ("arrests", "As far as we know, no one has been arrested yet."),
        (
            "buzz developing",
            "This is a developing story and we'll update this post as we hear more.",
        ),
        (
            "buzz outlook",
            "Only time will tell whether the Ashby Hoard ever makes it back to its case.",
        ),
    ],
}

# Story two: E. coli boil-water advisory in Lorrimer, Ohio (invented city, utility, people).
BOIL_WATER: Story = {
    "Continental Press": [
        (
            "advisory",
            "Officials in Lorrimer, Ohio, issued a boil-water advisory on Tuesday after tests found E. coli bacteria in the city's drinking water.",
        ),
        (
            "area",
            "The advisory covers the north and east sides of the city, an area home to about 42,000 of Lorrimer's 70,000 residents, the Lorrimer Water Authority said.",
        ),
        (
            "ecoli",
            "The bacteria were detected in routine samples taken Monday at two monitoring sites, one on Kessler Road and one near the Eastgate shopping center.",
        ),
        (
            "cause",
            "Authority officials said the contamination was most likely caused by a loss of pressure after a 24-inch water main broke on Fulton Avenue late Sunday.",
        ),
        (
            "director quote",
            '"We know this is a major disruption for families, and we are working around the clock to get clean water back to every tap," Lorrimer Water Authority director Dana Whitfield said at a news conference.',
        ),
        (
            "guidance",
            "Residents in the affected area were told to bring water to a rolling boil for at least one minute before drinking it, cooking with it, brushing their teeth or making ice.",
        ),
        (
            "duration",
            "The advisory will remain in place until at least Friday, because state rules require two consecutive days of clean samples before it can be lifted.",
        ),
        (
            "schools",
            "Lorrimer City Schools said nine of its 14 buildings would be closed on Wednesday.",
        ),
        (
            "bottled water",
            "The city is handing out free bottled water at three fire stations and the Hadley County Fairgrounds.",
        ),
        (
            "illness",
            "The Hadley County Health Department said it had no confirmed reports of illness linked to the water.",
        ),
        (
            "restaurants",
            "Health officials ordered restaurants in the affected area to use bottled or boiled water or to close.",
        ),
        (
            "mayor quote",
            'Mayor Greg Tolliver asked residents to check on elderly neighbors and said the city would "not cut corners" in getting the advisory lifted.',
        ),
        (
            "pipes",
            "More than a third of the authority's 410 miles of pipe is over 80 years old, according to its most recent capital plan.",
        ),
        (
            "replacement plan",
            "The City Council approved a $48 million program to replace aging water mains last year, but work on Fulton Avenue was not scheduled until 2027.",
        ),
        (
            "2021 advisory",
            "The last citywide boil advisory, in 2021, lasted five days after an equipment failure at the Riverside treatment plant.",
        ),
        (
            "rate vote",
            "The council is scheduled to vote next month on a proposed 6 percent increase in water rates.",
        ),
    ],
    "News 5 Lorrimer": [
        (
            "advisory",
            "Lorrimer officials issued a boil-water advisory Tuesday after tests found E. coli bacteria in the city's drinking water.",
        ),
        (
            "area",
            "The advisory covers the north and east sides of Lorrimer, home to about 42,000 residents, according to the Lorrimer Water Authority.",
        ),
        (
            "ecoli",
            "The bacteria turned up in routine samples collected Monday at two monitoring sites on Kessler Road and near the Eastgate shopping center.",
        ),
        (
            "cause",
            "Officials said the likely cause was a loss of pressure after a 24-inch water main broke on Fulton Avenue late Sunday night.",
        ),
        (
            "director quote",
            '"We know this is a major disruption for families, and we are working around the clock," Water Authority director Dana Whitfield said.',
        ),
        (
            "guidance",
            "Residents should bring water to a rolling boil for at least one minute before drinking, cooking, brushing teeth or making ice.",
        ),
        (
            "address map",
            "You can check whether your address is in the advisory area using the interactive map on the Water Authority's website.",
        ),
        (
            "duration",
            "The advisory is expected to last until at least Friday, since two consecutive days of clean samples are required before it can be lifted.",
        ),
        (
            "schools",
            "Lorrimer City Schools will close nine buildings Wednesday; a full list is posted on the district's website.",
        ),
        (
            "bottled water",
            "Free bottled water is available at three fire stations and at the Hadley County Fairgrounds from 8 a.m. to 8 p.m.",
        ),
        (
            "illness",
            "The Hadley County Health Department says there are no confirmed illnesses linked to the water so far.",
        ),
        (
            "restaurants",
            "Restaurants in the affected area must use bottled or boiled water or close, health officials said.",
        ),
        (
            "replacement plan",
            "City Council approved a $48 million program last year to replace aging water mains, but Fulton Avenue was not scheduled for work until 2027.",
        ),
        (
            "fairground lines",
            "News 5 crews saw long lines at the Fairgrounds distribution site by early Tuesday evening.",
        ),
        ("news5 updates", "Stay with News 5 for updates on this developing story."),
    ],
    "Ohio Valley Tribune": [
        (
            "advisory",
            "Tens of thousands of people in Lorrimer were told Tuesday not to drink water from their taps without boiling it first.",
        ),
        (
            "ecoli",
            "The warning came after E. coli, a bacterium that signals possible contamination from sewage or animal waste, showed up in two of the water samples the city routinely collects.",
        ),
        (
            "area",
            "Roughly six in ten Lorrimer residents live in the zone covered by the order, which takes in the city's north and east sides.",
        ),
        (
            "cause",
            "Utility officials suspect that when a major main under Fulton Avenue ruptured on Sunday night, the drop in pressure let contaminated groundwater seep into the system.",
        ),
        (
            "engineer quote",
            '"Pressure loss is one of the classic ways bacteria get into a distribution network, because pipes that are normally pushing water out can suddenly pull it in," said Maria Esposito, an environmental engineering professor at Ohio State University.',
        ),
        (
            "guidance",
            "Until the order is lifted, residents are supposed to boil any water they drink or cook with for a full minute, and use boiled or bottled water to brush their teeth.",
        ),
        (
            "duration",
            "It will be Friday at the earliest before the advisory can end, the Lorrimer Water Authority said, because regulators require clean results two days running.",
        ),
        ("illness", "So far no one has been confirmed sick, county health officials said."),
        (
            "illness reports probe",
            "The health department is, however, looking into a handful of reports of stomach illness to determine whether they are connected to the water.",
        ),
        (
            "cast iron mains",
            "Like many older Rust Belt cities, Lorrimer still relies on cast-iron mains, some of them laid before 1920.",
        ),
        (
            "replacement plan",
            "A $48 million pipe-replacement effort approved by the council last year had not yet reached Fulton Avenue, which was pencilled in for 2027.",
        ),
        (
            "bill history",
            "Water bills in Lorrimer have risen 18 percent since 2020, and the utility has already proposed another increase.",
        ),
        (
            "mayor quote",
            'Mayor Greg Tolliver said the city would "not cut corners" and urged people to look in on elderly neighbors.',
        ),
        ("schools", "Classes were canceled Wednesday at nine Lorrimer schools."),
        (
            "director quote",
            'Dana Whitfield, who leads the water authority, apologized for the disruption and said crews were working "around the clock."',
        ),
    ],
    "Lorrimer Herald": [
        (
            "advisory",
            "A boil-water order is in effect for much of Lorrimer after E. coli was found in the city's water supply, the Water Authority announced Tuesday afternoon.",
        ),
        (
            "area",
            "The order affects about 17,500 homes and businesses on the north and east sides, or roughly 42,000 people.",
        ),
        (
            "cause",
            "The problem is believed to trace back to Sunday night's water main break on Fulton Avenue, which flooded two blocks and left some homes with no water at all for hours.",
        ),
        ("main repaired", "Crews finished repairing the 24-inch main early Monday morning."),
        (
            "ecoli",
            "Samples taken Monday at Kessler Road and at Eastgate came back positive for E. coli on Tuesday.",
        ),
        (
            "guidance",
            "Boil tap water for one minute before you drink it, cook with it, make ice or brush your teeth; showering is fine, but don't swallow the water.",
        ),
        (
            "bottled water",
            "Bottled water is free at Fire Stations 2, 4 and 7 and at the county fairgrounds on Route 9.",
        ),
        (
            "schools",
            "Nine Lorrimer City Schools buildings were closed Wednesday, and the district said it would decide about Thursday by 5 p.m.",
        ),
        (
            "restaurants",
            "Under a health department order, restaurants in the zone must use bottled or boiled water or shut their doors, and several on the east side, including the Eastgate Diner, chose to close for the day.",
        ),
        (
            "resident quote",
            "\"We've got a newborn, so we're going through bottled water like crazy,\" said Kessler Road resident Tasha Greer.",
        ),
        (
            "duration",
            "The authority needs two straight days of clean test results before lifting the order, which means Friday at the soonest.",
        ),
        (
            "director quote",
            '"I want to apologize to every customer affected," Whitfield said. "We are working around the clock."',
        ),
        (
            "plant history",
            "The authority's Riverside treatment plant, which serves the whole city, was last upgraded in 2009.",
        ),
        (
            "mayor epa request",
            "Mayor Tolliver said he had asked the Ohio Environmental Protection Agency for help with extra testing.",
        ),
        (
            "replacement plan",
            "The Fulton Avenue main was on the city's replacement list but was not scheduled to be dug up until 2027.",
        ),
    ],
    "NewsPulse Daily": [
        ("pulse opener", "Another American city, another water scare."),
        (
            "advisory",
            "Residents of Lorrimer, Ohio, have been told to boil their water after E. coli turned up in the city's supply.",
        ),
        ("area", "Reports say around 42,000 people are affected."),
        (
            "cause",
            "The culprit appears to be a burst water main over the weekend, because of course it is.",
        ),
        (
            "pulse infrastructure rant",
            "America's water infrastructure has been crumbling for decades, and stories like this are becoming depressingly familiar.",
        ),
        (
            "guidance",
            "If you're in the area, the advice is simple: boil it for a minute before you drink it.",
        ),
        (
            "duration",
            "Officials say it could be Friday before the tap water in Lorrimer is safe again.",
        ),
        ("illness", "The good news is that nobody appears to have gotten sick so far."),
        (
            "pulse debate",
            "Some see the quick advisory as a sign the system works; others see it as proof the pipes should have been replaced years ago.",
        ),
        (
            "replacement plan",
            "Reportedly, the pipe in question wasn't due to be replaced until 2027.",
        ),
        ("pulse developing", "This is a developing story."),
        (
            "pulse outlook",
            "Only time will tell whether Lorrimer's leaders get serious about fixing the pipes before the next break.",
        ),
    ],
}

FRESH: dict[str, Story] = {"museum_theft": MUSEUM, "boil_water": BOIL_WATER}
