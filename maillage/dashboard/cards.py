"""Cards of actors (the proposed roster of a shadow CCI) as safe HTML, each linking to the actor's page."""
from __future__ import annotations

from urllib.parse import urlencode

from maillage.dashboard import labels, safe_html

_GRID = ('<div style="display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:.7em">'
         '{cards}</div>')
_CARD = ('<div style="border:1px solid #ddd;border-radius:.5em;padding:.6em .8em;background:#fafafa">'
         '<div style="font-weight:600">{anchor}</div>'
         '<div style="color:#555;font-size:.85em">{kind}</div>'
         '<div style="font-size:.85em;margin-top:.3em">{badge}</div>'
         '<div style="font-size:.85em;margin-top:.3em">{why}</div></div>')


def actor_href(actor_id: str) -> str:
    """The relative URL of an actor's page (escaped for an HTML attribute)."""
    return safe_html.text("fiche?" + urlencode({"acteur": actor_id}))


def actor_anchor(actor_id: str, name: str) -> str:
    """A link to an actor's page, labelled by its name (both escaped)."""
    return f'<a href="{actor_href(actor_id)}" target="_self">{safe_html.text(name)}</a>'


def card(actor_id: str, name: str, kind: str, why: str, badge: str) -> str:
    """One card: the name as a link to the actor's page, its kind, a badge and why it is there; all escaped."""
    return _CARD.format(anchor=actor_anchor(actor_id, name),
                        kind=safe_html.text(labels.kinds_label([kind] if kind else [])),
                        badge=safe_html.text(badge), why=safe_html.text(why))


def grid(cards: list[str]) -> str:
    """Cards laid out in a responsive grid."""
    return _GRID.format(cards="".join(cards))


_PEER = ('<div style="border:1px solid #ddd;border-left:6px solid {colour};border-radius:.5em;padding:.5em .8em;'
         'background:#fff"><div style="display:flex;justify-content:space-between;gap:.5em">'
         '<div style="font-weight:600">{rank}. {anchor}</div>'
         '<div style="font-size:.8em;color:{colour};font-weight:600;white-space:nowrap">{stance}</div></div>'
         '<div style="font-size:.85em;margin-top:.25em">{reason}</div>'
         '<div style="font-size:.85em;margin-top:.25em">Messager : <b class="messager">{messenger}</b></div>'
         '<div style="font-size:.8em;color:#555;margin-top:.2em">{path}</div></div>')


def peer_card(rank: int, actor_id: str, name: str, stance: str, colour: str, reason: str, messenger: str,
              path: str) -> str:
    """One peer to convince: rank, name (link to its page), stance in its colour, reason, messenger, path; all escaped."""
    return _PEER.format(rank=rank, anchor=actor_anchor(actor_id, name), colour=colour,
                        stance=safe_html.text(stance), reason=safe_html.text(reason),
                        messenger=safe_html.text(messenger), path=safe_html.text(path))
