"""Two invented stories written blind as a sixth check of the beats' grouping, by a
helper who saw neither the code nor its weights: a data-breach ruling against a hospital
operator (BREACH) and a tile factory's closure (FACTORY), each told by five outlets in
their own words, with syndicated copy, beats only one outlet has, and a fact told as
the negation of its opposite ("will remain confidential" / "will not be made public").
First scored P/R 0.74 / 0.82. Looking at its misses showed a day of the month read
as an amount ("until June 30" joined "30 days to appeal") and a year held against an
amount ("tripled since 2021" / "tripled in four years"); with times told apart from
amounts (index.analysis.anchors) it scores 0.77 / 0.85, and 0.78 / 0.88 once sentences of
five words count as claims, so it is no longer unseen.

Same form as tests/beat_fixtures.py: each article is a list of (label, sentence).
"""

from __future__ import annotations

from tests.beat_fixtures import Story

BREACH: Story = {
    "Brightwater Wire": [
        (
            "ruling",
            "PORT ANSEL — Velmora Health Systems must pay $38.5 million to patients whose records were exposed in a 2023 hack, a Lorne County judge ruled Tuesday.",
        ),
        (
            "class-size",
            "The class action was brought on behalf of some 412,000 current and former patients of the hospital operator.",
        ),
        (
            "known-vulnerability",
            "Judge Miriam Castellane found that Velmora failed to install a security patch that had been available for five months before hackers used the flaw to get in.",
        ),
        (
            "defense-rejected",
            "The judge dismissed Velmora's contention that the attack could not have been prevented.",
        ),
        (
            "data-exposed",
            "The exposed data included names, addresses, dates of birth, insurance ID numbers and, in some cases, medical diagnosis codes.",
        ),
        (
            "insurance-coverage",
            "Velmora's cyber-insurance policy is expected to cover roughly half of the award, according to two people familiar with the matter.",
        ),
        ("audit-ordered", "The court also ordered three years of independent security audits."),
        ("audit-sealed", "The findings of those audits will not be made public."),
        (
            "company-disappointed",
            '"We are disappointed by today\'s decision and are reviewing it carefully," Velmora spokesperson Dana Whitlock said in a statement.',
        ),
        ("appeal", "The company did not say whether it would appeal."),
        (
            "lawyer-quote",
            'Plaintiffs\' lawyer Rafael Osei said the ruling was "a warning to every company that treats patient data as an afterthought."',
        ),
        ("per-person-payout", "Individual payouts are capped at $210 per person."),
        ("claims-deadline", "Class members have until June 30 to file a claim."),
        (
            "ceo-resigned",
            "Former chief executive Martin Greaves resigned in February 2024 amid fallout from the breach.",
        ),
    ],
    "The Lorne County Ledger": [
        (
            "ruling",
            "A Lorne County judge on Tuesday ordered Velmora Health Systems to pay $38.5 million to patients whose personal information was stolen in a 2023 cyberattack, handing the Port Ansel hospital operator a stinging defeat in a closely watched class action.",
        ),
        (
            "filler-ledger-1",
            "For many in Port Ansel, where Velmora runs three hospitals and more than a dozen clinics, the case has been personal.",
        ),
        (
            "breach-event",
            "Hackers slipped into Velmora’s network in October 2023 through a file-transfer server the company used to exchange records with insurers.",
        ),
        (
            "class-size",
            "Records belonging to roughly 412,000 current and former patients were exposed.",
        ),
        (
            "data-exposed",
            "The stolen files contained names, home addresses, dates of birth and insurance identification numbers, and for some patients, diagnosis codes.",
        ),
        (
            "known-vulnerability",
            "In her 46-page decision, Judge Miriam Castellane found that a security fix for the server software had been available since May 2023, five months before the attack, and that Velmora never installed it.",
        ),
        (
            "judge-quote-door",
            "“Velmora did not lose a battle against an unbeatable adversary; it left the door open,” Castellane wrote.",
        ),
        (
            "defense-rejected",
            "She rejected the company’s argument that the intrusion was the work of sophisticated attackers whom no reasonable hospital could have stopped.",
        ),
        (
            "lead-plaintiff-fraud",
            "Gwen Tallis, a 67-year-old retired schoolteacher from Port Ansel who is the lead plaintiff, discovered the breach only after a credit card was opened in her name.",
        ),
        (
            "lead-plaintiff-quote",
            "“I just want them to finally admit this was their fault,” Tallis said outside the courthouse.",
        ),
        (
            "company-disappointed",
            "Velmora spokesperson Dana Whitlock said the company was disappointed by the decision.",
        ),
        ("appeal", "She said Velmora was reviewing the ruling and had not ruled out an appeal."),
        (
            "audit-ordered",
            "The court also required Velmora to undergo outside security reviews for the next three years.",
        ),
        ("audit-sealed", "The reports from those reviews will remain confidential."),
        (
            "largest-in-state",
            "Lawyers on both sides said the award appears to be the largest a state court has ever issued in a data-breach case.",
        ),
        (
            "per-person-payout",
            "Class members could each receive as much as $210, though the final figure will depend on how many people file claims.",
        ),
        (
            "ceo-resigned",
            "The breach also cost Velmora’s chief executive, Martin Greaves, his job; he stepped down in February 2024.",
        ),
        (
            "filler-ledger-2",
            "It remains to be seen whether the judgment will change how other hospitals in the region handle patient data.",
        ),
    ],
    "Harbourline News": [
        (
            "ruling",
            "A judge has ordered Port Ansel-based Velmora Health Systems to pay $38.5 million over a cyberattack that exposed the private records of hundreds of thousands of patients.",
        ),
        ("class-size", "In total, 412,000 patients were affected, according to court filings."),
        ("breach-event", "Hackers broke into Velmora's computer network in October 2023."),
        (
            "detection-delay",
            "They spent several days copying files before anyone at the company noticed.",
        ),
        (
            "data-exposed",
            "Names, addresses, birth dates and insurance numbers were among the information taken.",
        ),
        ("ssn-not-exposed", "The company has said no Social Security numbers were taken."),
        (
            "lead-plaintiff-fraud",
            "Lead plaintiff Gwen Tallis told Harbourline News that someone opened a credit card in her name weeks after the breach.",
        ),
        (
            "lead-plaintiff-quote",
            '"I just want them to finally admit this was their fault," Tallis said.',
        ),
        (
            "lawyer-quote",
            "Her attorney, Rafael Osei, said the verdict sends a warning to companies that treat patient data as an afterthought.",
        ),
        ("per-person-payout", "Each patient in the class could get up to $210."),
        (
            "company-disappointed",
            "According to Velmora spokesperson Dana Whitlock, the company is disappointed with the outcome.",
        ),
        (
            "security-investment",
            "Whitlock said Velmora has invested more than $20 million in security upgrades since 2023.",
        ),
        (
            "criminal-investigation",
            "Meanwhile, no one has been charged over the attack itself, and the state police cyber-crimes unit said its investigation remains open.",
        ),
        ("filler-harbourline-1", "It is not yet clear when patients will see any money."),
    ],
    "CourtWatch Daily": [
        (
            "ruling",
            "Lorne County Superior Court Judge Miriam Castellane on Tuesday found Velmora Health Systems liable for a 2023 data breach and awarded $38.5 million in damages to a class of affected patients.",
        ),
        (
            "trial-length",
            "The decision follows an 11-day bench trial in January, at which no jury was seated.",
        ),
        ("class-size", "The class covers about 412,000 people whose data was compromised."),
        (
            "known-vulnerability",
            "Castellane concluded that Velmora had left a known flaw in its file-transfer software unpatched for roughly five months before attackers exploited it in October 2023.",
        ),
        (
            "judge-quote-door",
            '"Velmora did not lose a battle against an unbeatable adversary; it left the door open," the judge wrote.',
        ),
        (
            "defense-rejected",
            "Velmora's lawyers had argued that the intruders were highly skilled and that the company's defenses met industry standards, a position the court did not accept.",
        ),
        (
            "ssn-not-exposed",
            "Social Security numbers were not part of the stolen data, according to trial testimony.",
        ),
        (
            "filler-courtwatch-1",
            "Most data-breach class actions settle long before trial, which makes a full judgment on the merits unusual.",
        ),
        (
            "largest-in-state",
            "Legal observers said the award is likely the largest data-breach judgment ever handed down by a court in the state.",
        ),
        (
            "legal-fees",
            "Under the judgment, plaintiffs' attorneys may collect up to 25 percent of the fund in fees.",
        ),
        (
            "audit-ordered",
            "Castellane also ordered Velmora to submit to an independent security audit every year for three years, with the results reported to the court.",
        ),
        ("audit-sealed", "Those audit reports will be filed under seal."),
        (
            "regulator-fine",
            "The company separately paid a $2.1 million penalty to the state Office of Health Data Protection last year.",
        ),
        (
            "lawyer-quote",
            'Rafael Osei, the lead lawyer for the plaintiffs, called the ruling "a warning to every company that treats patient data as an afterthought."',
        ),
        (
            "appeal",
            "A Velmora spokesperson said the company was weighing its options, including an appeal.",
        ),
        ("appeal-window", "Velmora has 30 days to file a notice of appeal."),
    ],
    "The Ansel Examiner": [
        (
            "ruling",
            "Velmora Health Systems, the biggest hospital operator in Port Ansel, has been ordered to pay $38.5 million in damages to patients caught up in a 2023 data breach.",
        ),
        ("class-size", "More than 400,000 people were affected."),
        (
            "detection-delay",
            "The intruders reportedly went unnoticed inside Velmora's systems for nearly a week.",
        ),
        (
            "data-exposed",
            "The exposed data included names, addresses, dates of birth, insurance ID numbers and in some cases medical diagnosis codes.",
        ),
        (
            "known-vulnerability",
            "At the heart of the case was a software flaw that Velmora had been warned about months earlier but never fixed, Judge Miriam Castellane concluded.",
        ),
        (
            "insurance-coverage",
            "Velmora's cyber-insurance policy is expected to cover roughly half the award, according to two people familiar with the matter.",
        ),
        (
            "regulator-fine",
            "It is not the first penalty the company has faced: state regulators fined Velmora $2.1 million in 2024 over the same breach.",
        ),
        (
            "security-investment",
            "Velmora said in a statement that it had spent upwards of $20 million strengthening its systems since the attack.",
        ),
        ("appeal", "The company has not yet decided whether to appeal, sources said."),
        ("filler-examiner-1", "Whether the ruling will survive an appeal is anyone's guess."),
        (
            "tallis-quote-money",
            '"This was never about the money for me," lead plaintiff Gwen Tallis told the Examiner.',
        ),
        ("claims-deadline", "Class members have until June 30 to file a claim, the court said."),
        (
            "claims-website",
            "Patients who are unsure whether they belong to the class can check a website set up by the court-appointed claims administrator.",
        ),
        (
            "ceo-resigned",
            "The breach had already claimed the job of chief executive Martin Greaves, who quit in early 2024.",
        ),
    ],
}

FACTORY: Story = {
    "Lowdale Evening Star": [
        (
            "closure-announced",
            "Brannock Ceramics is to close its Harrow Lane tile factory in Lowdale with the loss of 640 jobs, the company announced on Monday.",
        ),
        (
            "staff-told",
            "Workers were told the news at a meeting on the factory floor at 7am, hours before the public announcement.",
        ),
        ("site-history", "The plant has produced tiles in the town since 1952."),
        ("largest-employer", "It is also Lowdale's biggest private-sector employer."),
        ("production-move", "Brannock said production would move to its larger plant at Oskarvik."),
        (
            "closure-timeline",
            "The Harrow Lane site is expected to close by the end of March next year.",
        ),
        (
            "energy-costs",
            "The company blamed soaring energy costs, saying its gas bill at Lowdale had roughly tripled since 2021.",
        ),
        ("consultation", "A 45-day consultation with staff began on Monday."),
        (
            "union-reaction",
            'Doreen Makepeace, chair of the Kiln and Allied Workers\' Union branch at the site, said: "This is a betrayal of people who kept this factory going through every crisis of the last twenty years."',
        ),
        ("strike-ballot", "The union said it would ballot its members on industrial action."),
        (
            "holm-quote",
            "Machine operator Gary Holm, who has worked at Harrow Lane for 24 years, said he had not slept properly since rumours began circulating last week.",
        ),
        (
            "council-reaction",
            '"This is a devastating day for Lowdale," said Ivor Penhallow, the leader of Lowdale Borough Council.',
        ),
        (
            "supply-chain",
            "Local business leaders fear a further 300 jobs could be lost among suppliers and contractors.",
        ),
        (
            "worker-buyout",
            "A group of former Brannock managers is understood to be exploring a bid to buy the kilns and keep part of the site running as a smaller operation.",
        ),
        (
            "filler-evening-star-1",
            "It remains to be seen whether any of the workforce will be offered jobs elsewhere in the company.",
        ),
    ],
    "Industry Pulse": [
        (
            "closure-announced",
            "Brannock Ceramics will end tile production at its Lowdale factory, cutting 640 jobs as it consolidates manufacturing.",
        ),
        (
            "production-move",
            "Output from the Harrow Lane plant is being transferred to the group's Oskarvik site, which is larger and more automated.",
        ),
        (
            "oskarvik-investment",
            "Brannock installed two new kiln lines at Oskarvik last year as part of a £30 million upgrade.",
        ),
        (
            "energy-costs",
            "The company said gas costs at Lowdale are now around three times their 2021 level, making the older kilns uneconomic.",
        ),
        (
            "weak-demand",
            "It also cited weaker orders from housebuilders, whose activity has slowed sharply.",
        ),
        (
            "gov-support-sought",
            "Talks with the government over support for energy-intensive manufacturers ended without agreement, Brannock said.",
        ),
        ("annual-loss", "Brannock reported a £14.2 million pre-tax loss for 2024."),
        (
            "ceo-statement",
            '"This is the hardest decision this company has ever had to take, but we cannot keep absorbing losses at Lowdale," chief executive Philippa Rendell said.',
        ),
        (
            "closure-timeline",
            "Manufacturing will wind down over the coming months, with the site due to shut by the end of March 2026.",
        ),
        ("consultation", "Brannock has opened a 45-day collective consultation with employees."),
        (
            "union-reaction",
            "The Kiln and Allied Workers' Union called the decision a betrayal of the workforce.",
        ),
        (
            "union-open-books",
            "The union wants independent scrutiny of the company's energy and cost figures.",
        ),
        (
            "filler-pulse-1",
            "Analysts have warned for some time that older ceramics plants face a difficult future.",
        ),
        (
            "filler-pulse-2",
            "Whether other producers follow Brannock's lead could depend on how energy prices move over the next year.",
        ),
    ],
    "Midshire Gazette": [
        (
            "closure-announced",
            "Around 640 workers are set to lose their jobs after tile manufacturer Brannock Ceramics confirmed it will shut its factory in Lowdale.",
        ),
        (
            "staff-told",
            "Staff at the Harrow Lane works learned of the decision at a hastily arranged meeting early on Monday.",
        ),
        ("site-history", "The plant has produced tiles in the town since 1952."),
        ("production-move", "Brannock said production would move to its larger plant at Oskarvik."),
        ("closure-timeline", "The factory will not stay open beyond March 2026, the company said."),
        (
            "energy-costs",
            "Brannock pointed to the cost of energy as the main reason for the closure.",
        ),
        (
            "annual-loss",
            "The firm made a pre-tax loss of £14.2 million last year, according to its most recent accounts.",
        ),
        (
            "ceo-statement",
            'Chief executive Philippa Rendell described the closure as "the hardest decision this company has ever had to take."',
        ),
        (
            "union-reaction",
            'Doreen Makepeace, chair of the Kiln and Allied Workers\' Union branch at the site, said: "This is a betrayal of people who kept this factory going through every crisis of the last 20 years."',
        ),
        (
            "union-open-books",
            "The union has demanded that Brannock open its books so that independent experts can check its figures.",
        ),
        (
            "redundancy-terms",
            "Staff will reportedly be offered redundancy packages above the statutory minimum.",
        ),
        (
            "mp-intervention",
            "Lowdale MP Sunita Rawle said she had written to the business secretary urging the government to step in.",
        ),
        (
            "filler-gazette-1",
            "The news is the latest blow to manufacturing in Midshire, which has lost several large employers in the past decade.",
        ),
    ],
    "Northway Radio News": [
        (
            "closure-announced",
            "Six hundred and forty jobs are going at Brannock Ceramics in Lowdale after the firm announced it is closing its tile factory.",
        ),
        (
            "closure-timeline",
            "The company says the plant will shut its doors by the end of March next year.",
        ),
        ("energy-costs", "It blames rising energy bills."),
        (
            "staff-told",
            "Workers were called into a meeting on Monday morning and told the site would close.",
        ),
        (
            "anon-worker-quote",
            '"You just sat there in silence, nobody could believe it," one worker, who did not want to be named, told Northway.',
        ),
        (
            "union-reaction",
            "The union's branch chair, Doreen Makepeace, said the closure was a betrayal of loyal staff.",
        ),
        ("strike-ballot", "According to Makepeace, members will be balloted on strike action."),
        (
            "council-reaction",
            "Council leader Ivor Penhallow said it was a devastating day for the town.",
        ),
        ("mp-intervention", "Local MP Sunita Rawle has asked ministers to intervene."),
        ("supply-chain", "There are fears hundreds more jobs in the supply chain could also go."),
        (
            "site-future",
            "Brannock has not said what will happen to the Harrow Lane site once it closes.",
        ),
        ("filler-northway-1", "We'll have more on this story throughout the day."),
    ],
    "The Fenmark Chronicle": [
        (
            "closure-announced",
            "Brannock Ceramics, one of the country's oldest tile makers, is shutting its factory in Lowdale, putting 640 people out of work.",
        ),
        (
            "site-history",
            "The Harrow Lane works opened in 1952 and at its peak employed more than 2,000 people.",
        ),
        ("largest-employer", "It remains the town's largest private employer."),
        (
            "filler-chronicle-1",
            "For a town of 38,000 people, the loss of so many jobs at once will be hard to absorb.",
        ),
        (
            "energy-costs",
            "Brannock has said energy costs make the site unviable, pointing to a gas bill that has tripled in four years.",
        ),
        ("weak-demand", "A slump in new housebuilding has also hit demand for its tiles."),
        (
            "gov-support-sought",
            "The company is understood to have lobbied ministers for help with energy costs, without success.",
        ),
        (
            "production-move",
            "Production will be shifted to Oskarvik, where Brannock has its biggest plant.",
        ),
        (
            "ceo-statement",
            "Philippa Rendell, Brannock's chief executive, said the decision had been the hardest in the company's history.",
        ),
        (
            "redundancy-terms",
            "Sources close to the company said staff would be offered enhanced redundancy terms.",
        ),
        (
            "union-reaction",
            "Union officials, led by branch chair Doreen Makepeace, have called the move a betrayal.",
        ),
        ("strike-ballot", "A ballot on industrial action is expected within weeks."),
        (
            "mp-intervention",
            "Sunita Rawle, the MP for Lowdale, told the Chronicle she would press the government to intervene.",
        ),
        ("site-future", "The future of the 40-acre site remains undecided."),
        (
            "filler-chronicle-2",
            "The closure also raises wider questions about the cost of energy for heavy industry.",
        ),
    ],
}
