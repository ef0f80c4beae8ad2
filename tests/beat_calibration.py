"""The stories story beats' weights and thresholds are set on: the four small ones of
tests/beat_fixtures.py and two told by five outlets each, in the form of
tests/beat_heldout.py (a wire story, a rewrite of it, papers in their own words).
Same form as tests/beat_fixtures.py: each article is a list of (label, sentence).
"""

from __future__ import annotations

from tests.beat_fixtures import AIRPORT, STORIES, Story

TRANSFER: Story = {
    "Sports Wire": [
        (
            "signing",
            "Atletico Norte have signed striker Joao Ribeiro from Porto Verde for a club record fee of 85 million euros, the Spanish club said on Monday.",
        ),
        (
            "contract",
            "The 23-year-old Brazilian has agreed a five-year contract and will wear the number nine shirt.",
        ),
        ("medical", "Ribeiro passed a medical in Madrid on Sunday before signing."),
        (
            "goals",
            "He scored 31 goals in all competitions last season, the most in the Portuguese league.",
        ),
        (
            "coach",
            "Coach Luis Ferrer said Ribeiro was the player the club had wanted for two years.",
        ),
        ("replace", "Ribeiro replaces captain Marco Silva, who left for Saudi Arabia in July."),
        ("debut", "He could make his debut against Sevilla on Saturday."),
    ],
    "Football Daily": [
        (
            "signing",
            "Atletico Norte have signed striker Joao Ribeiro from Porto Verde for a club-record 85 million euros.",
        ),
        (
            "contract",
            "The 23-year-old Brazilian has signed a five-year deal and will wear the number nine.",
        ),
        ("goals", "He scored 31 goals in all competitions last season."),
        ("coach", "Ribeiro was the player we have wanted for two years, coach Luis Ferrer said."),
        ("debut", "The striker could make his first appearance against Sevilla this weekend."),
        ("loan", "Atletico also loaned young defender Pablo Ruiz to Granada for the season."),
    ],
    "The Terrace": [
        (
            "signing",
            "Porto Verde have sold their top scorer to Atletico Norte in a deal worth 85 million euros, the most the Madrid side has ever paid.",
        ),
        (
            "goals",
            "Ribeiro found the net 31 times last term, more than any other player in Portugal.",
        ),
        (
            "fans",
            "Porto Verde supporters protested outside the stadium, accusing the board of selling the club's best player.",
        ),
        (
            "replace",
            "The Brazilian is expected to fill the gap left by Marco Silva's summer move to the Gulf.",
        ),
        (
            "wages",
            "He will earn about 9 million euros a year after tax, according to people familiar with the deal.",
        ),
    ],
    "Madrid Evening": [
        (
            "signing",
            "The most expensive player in Atletico Norte's history has arrived: Joao Ribeiro joins from Porto Verde.",
        ),
        ("contract", "The forward, 23, has committed himself to the club until 2030."),
        ("medical", "He completed medical tests in the capital on Sunday morning."),
        ("coach", "Ferrer, the coach, said he had been chasing the Brazilian for two years."),
        (
            "record",
            "The previous club record was the 72 million euros paid for a French midfielder in 2019.",
        ),
    ],
    "Transfer Talk": [
        (
            "signing",
            "Done deal: Ribeiro to Atletico Norte for 85 million euros, a record for the club.",
        ),
        ("wages", "Ribeiro's salary will be around 9 million euros a year net, sources say."),
        ("debut", "Expect to see him lead the line against Sevilla on Saturday."),
        (
            "other",
            "Atletico Norte are also in talks to sign a goalkeeper before the window closes.",
        ),
        ("fans", "Angry Porto Verde fans gathered at the ground to protest against the sale."),
    ],
}

WILDFIRE: Story = {
    "Pacific Wire": [
        (
            "evacuate",
            "About 12,000 residents were ordered to leave their homes on Wednesday as a wildfire spread through hills east of Santa Lora.",
        ),
        (
            "size",
            "The fire has burned more than 8,000 hectares and was 10 percent contained by Wednesday evening, fire officials said.",
        ),
        ("homes", "At least 45 homes have been destroyed, according to the county sheriff."),
        (
            "wind",
            "Strong winds of up to 90 kilometres an hour pushed the flames towards the town overnight.",
        ),
        ("cause", "The cause of the fire is under investigation."),
        (
            "firefighters",
            "More than 1,500 firefighters, supported by helicopters and air tankers, are fighting the blaze.",
        ),
        ("school", "Schools across the district will stay closed until Friday."),
    ],
    "Coast News Online": [
        (
            "evacuate",
            "About 12,000 residents were ordered to evacuate on Wednesday as a wildfire spread through the hills east of Santa Lora.",
        ),
        (
            "size",
            "The blaze has burned more than 8,000 hectares and was 10 percent contained by the evening, officials said.",
        ),
        ("homes", "At least 45 homes have been destroyed."),
        ("cause", "Investigators have not yet determined how the fire started."),
        ("air", "Air quality warnings were issued for the whole county because of heavy smoke."),
    ],
    "Santa Lora Courier": [
        (
            "evacuate",
            "Twelve thousand people fled the eastern edge of town as flames came over the ridge.",
        ),
        ("homes", "Dozens of houses, at least forty-five by the sheriff's count, are now ash."),
        ("wind", "Gusts close to 90 km/h drove the fire down the hillside during the night."),
        (
            "shelter",
            "The high school gym has been turned into a shelter for families who lost their homes.",
        ),
        (
            "firefighters",
            "Crews from four states have joined some 1,500 firefighters on the lines.",
        ),
        (
            "fire2022",
            "A smaller fire in 2022 burned 600 hectares north of the town but destroyed no homes.",
        ),
    ],
    "National Times": [
        (
            "size",
            "The fire has scorched an area larger than 80 square kilometres and crews have contained only a tenth of it.",
        ),
        ("evacuate", "Evacuation orders now cover some 12,000 people."),
        (
            "climate",
            "Scientists say hotter, drier summers are making fires in the region larger and more frequent.",
        ),
        (
            "governor",
            "The governor declared a state of emergency in the county on Wednesday night, freeing state funds for the response.",
        ),
        ("cause", "Officials are still trying to establish what sparked the blaze."),
    ],
    "Weather Watch": [
        ("wind", "Winds gusting to 90 kilometres per hour fanned the fire overnight."),
        (
            "forecast",
            "Cooler air and lighter winds are forecast from Friday, which should help firefighters.",
        ),
        ("air", "Smoke has pushed air quality to unhealthy levels across the county."),
        ("size", "More than 8,000 hectares have burned so far."),
    ],
}

CALIBRATION: dict[str, Story] = {
    **STORIES,
    "airport": AIRPORT,
    "transfer": TRANSFER,
    "wildfire": WILDFIRE,
}
