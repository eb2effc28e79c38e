"""What an app puts in the service navigation. Each app lists its entries on its AppConfig as `navigation`.

The top layer (`included.www.navigation`) gathers them and shows each person the entries their roles allow, in
`order`. Apps only declare; none of them needs to know about the others.
"""

from dataclasses import dataclass

ANYONE = "anyone"  # anyone who takes part in the partnership, whatever their role


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str  # reversed with the partnership's slug
    order: int
    shown_to: frozenset = frozenset({ANYONE})  # partnership roles, or ANYONE
    public_label: str = ""  # the label signed-out visitors see on the partnership's pages; empty hides it
    # A person's own page (not a partnership's): shown to everyone signed in, reversed with no partnership.
    personal: bool = False

    def is_for(self, roles):
        if self.personal:
            return False
        return ANYONE in self.shown_to or bool(self.shown_to & set(roles))
