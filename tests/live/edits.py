"""Random commands through the Document API, and what a converged set of laptops must show."""

import random
import sqlite3

from app.model import ModelError
from app.model.commands import (AddNode, AddParticipant, Assess, Connect, DeleteNodes, EditNode,
                                MoveNodes)

MAP_TABLES = ("meta", "nodes", "edges", "participants", "assessments", "sources", "rounds", "answers")


def random_command(rng: random.Random, amap, me: str):
    """One random command over *amap* (None when the map gives it nothing to work on)."""
    nodes = sorted(amap.nodes)
    pick = rng.random()
    if pick < 0.25 or len(nodes) < 2:
        return AddNode(title=f"{me} {rng.randrange(10_000)}", x=rng.uniform(-500, 500),
                       y=rng.uniform(-500, 500))
    a, b = rng.sample(nodes, 2)
    if pick < 0.40:
        return EditNode(a, {"title": f"{me} retitled {rng.randrange(10_000)}"})
    if pick < 0.52:
        text = amap.nodes[a].text
        at = rng.randrange(len(text) + 1)
        return EditNode(a, {"text": text[:at] + f"[{me}]" + text[at:]})
    if pick < 0.67:
        return Connect(a, b, rng.choice(["support", "attack"]))
    if pick < 0.75:
        return DeleteNodes((a,))
    if pick < 0.85:
        return MoveNodes({a: (rng.uniform(-500, 500), rng.uniform(-500, 500))})
    mine = [p.id for p in amap.participants.values() if p.name == me]
    if not mine:
        return AddParticipant(me, participant_id=f"p-{me}")
    return Assess(mine[0], a, round(rng.random(), 3))


def run_random(doc, rng: random.Random, me: str, count: int, after=None) -> int:
    """Execute *count* random commands (refused ones, e.g. a pair already connected, are
    skipped but counted); *after* is called after each. Returns how many took effect."""
    done = 0
    for _ in range(count):
        command = random_command(rng, doc.map, me)
        try:
            if command is not None and doc.execute(command):
                done += 1
        except ModelError:
            pass
        if after is not None:
            after()
    return done


def rows(path) -> dict:
    """Every map row of the file, without the local insertion order (seq)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for table in MAP_TABLES:
            cur = conn.execute(f"SELECT * FROM {table}")
            names = [d[0] for d in cur.description]
            out[table] = sorted(tuple(v for n, v in zip(names, r) if n != "seq") for r in cur)
        return out
    finally:
        conn.close()


def integrity(path) -> list[str]:
    """What is wrong with the file's map rows ([] when sound)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        problems = [f"foreign key: {r}" for r in conn.execute("PRAGMA foreign_key_check")]
        problems += [f"duplicate pair: {r}" for r in conn.execute(
            "SELECT source, target FROM edges GROUP BY source, target HAVING count(*) > 1")]
        problems += [f"dangling relation: {r}" for r in conn.execute(
            "SELECT id FROM edges WHERE source NOT IN (SELECT id FROM nodes) "
            "OR target NOT IN (SELECT id FROM nodes)")]
        problems += [f"dangling assessment: {r}" for r in conn.execute(
            "SELECT participant, target FROM assessments WHERE target NOT IN "
            "(SELECT id FROM nodes UNION SELECT id FROM edges)")]
        return problems
    finally:
        conn.close()
