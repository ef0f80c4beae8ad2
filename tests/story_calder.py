"""A port closed at night after a crane fell, told by four outlets: written for the
beats' tests (a story far from the bundled one, sharing some of its words), not labelled."""

CALDER: dict[str, list[str]] = {
    "Harbour Times": [
        (
            "The Port of Calder suspended all night-time container operations on Sunday after"
            " a gantry crane collapsed onto a loading berth, injuring two workers."
        ),
        (
            'Port director Alan Greaves said the suspension would last "at least two weeks" '
            "while engineers inspect the remaining eleven cranes."
        ),
        (
            '"Safety comes before throughput, and we will not restart until every crane has '
            'been certified," Greaves told reporters at a briefing.'
        ),
        (
            "The crane, built in 1998, had passed its last inspection in March, according to "
            "port records."
        ),
        (
            "Shipping lines have already begun diverting vessels to the neighbouring port of "
            "Westmere."
        ),
        (
            'The dockworkers\' union called the collapse "entirely preventable" and demanded '
            "an independent inquiry."
        ),
    ],
    "Coastal Wire": [
        (
            "Night operations at the Port of Calder have been halted after a crane fell onto "
            "a berth on Sunday, leaving two dockworkers hurt."
        ),
        (
            "The port said it would keep night shifts suspended for at least two weeks as "
            "inspectors examine its other eleven cranes."
        ),
        (
            '"Safety comes before throughput, and we will not restart until every crane has '
            'been certified," port director Alan Greaves said.'
        ),
        (
            'Union leader Marta Soles described the accident as "entirely preventable" and '
            "called for an independent investigation."
        ),
        (
            "Several shipping companies are rerouting cargo to Westmere, about 40 kilometres "
            "up the coast."
        ),
        ("The collapsed crane was 28 years old and had been inspected in March."),
    ],
    "The Northern Gazette": [
        (
            "Two workers were injured when a 28-year-old gantry crane toppled at the Port of "
            "Calder on Sunday evening."
        ),
        (
            "The port has stopped loading ships at night. Officials expect the pause to last "
            "a fortnight or longer while all eleven remaining cranes are checked."
        ),
        ('A spokesperson for the port said the schedule for day shifts was "unchanged".'),
        (
            'The union said the collapse was "a disaster waiting to happen" and wants an '
            "independent inquiry into maintenance at the port."
        ),
        (
            "Freight forwarders warned that delays could push up prices for imported goods "
            "before the holidays."
        ),
    ],
    "Bay Business Daily": [
        (
            "Exporters say the night closure at the Port of Calder, which followed Sunday's "
            "crane collapse, will cost them millions."
        ),
        (
            'Port director Alan Greaves has said the schedule for day shifts is "unchanged", '
            "but night work will stay suspended for at least two weeks."
        ),
        (
            '"We are losing a day of shipping every night the port is shut," said Petra Lind,'
            " who chairs the regional exporters' association."
        ),
        (
            "About a third of Calder's container traffic moves at night, according to the "
            "port's annual report."
        ),
    ],
}
