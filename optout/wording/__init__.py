"""Every sentence that depends on who acts, or that states a rule's number, chosen in Python.

- `people`: whose case it is (`Who`), texts in variants per person kind (`Said`), `called`;
- `facts`: the rules' periods in words (« six semaines », « un mois »), from the constants;
- `clock`: dates, hours, the 3422's hours and the countdown in words, from the constants;
- `letter`: which rule set the advised day, why the line is closed on a day, a letter's dates;
- `headline`: the next action (optout.actions) in words, for the person who acts.
"""

from optout.wording.people import Said, Who, called

__all__ = ["Said", "Who", "called"]
