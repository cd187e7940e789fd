"""The reduced cluster model of bench/peers/reduced-model.md in the object-per-agent style of Mesa
models (Mesa itself is not installable here): an Agent base class with a unique id and a step(), a
Person and an Organisation class holding their attributes as instance fields, a Model that owns a
RandomActivation-style scheduler (every agent's step() once per step, in a fresh random order) and
runs the phases of the year; the labour market, which matches many agents at once, is a model-level
method, as Mesa models write such markets. Plain Python 3 standard library only.

Usage: python3 reduced_mesa_style.py SEED [FROM TO]; prints one JSON object: person_steps,
spinoffs, ties, moves, people_at_end and seconds (process CPU time of setup plus the years).
"""

import json
import math
import random
import sys
import time

F = 4
UNIVERSITY, INSTITUTE, LARGE, SME, LAB = "university", "research-institute", "large-firm", "sme", "mnc-rd-lab"
FIRMS = {SME, LARGE, LAB, "mnc-subsidiary"}
SPINOFF_RATE = {UNIVERSITY: 0.004, INSTITUTE: 0.003, LARGE: 0.002, LAB: 0.002, "mnc-subsidiary": 0.002, SME: 0.003}
INITIAL = [(UNIVERSITY, 2, 1000), (INSTITUTE, 4, 250), (LARGE, 10, 300), (SME, 900, 4), (LAB, 4, 50)]
OUTSIDE = [(LARGE, 0.4), (UNIVERSITY, 0.25), (INSTITUTE, 0.15), (SME, 0.2)]


class Agent:
    def __init__(self, unique_id, model):
        self.unique_id = unique_id
        self.model = model

    def step(self):
        pass


class Tie:
    __slots__ = ("a", "b", "kind", "open")

    def __init__(self, a, b, kind):
        self.a, self.b, self.kind, self.open = a, b, kind, True


class Organisation(Agent):
    def __init__(self, unique_id, model, kind, sector, local, knowledge, founded):
        super().__init__(unique_id, model)
        self.kind, self.sector, self.local, self.knowledge, self.founded = kind, sector, local, knowledge, founded
        self.size = 0
        self.target = 0
        self.parent = None
        self.ties = []

    def step(self):
        m = self.model
        if m.phase != "partner" or not self.local or self.kind not in FIRMS or self.founded == m.year:
            return
        rng = m.random
        if rng.random() >= 0.3:
            return
        pool = m.outside if rng.random() < 0.4 else m.local_pool
        if not pool:
            return
        best, best_proximity = None, -1.0
        for _ in range(5):
            b = pool[int(rng.random() * len(pool))]
            if b is self:
                continue
            is_open = earlier = False
            for t in self.ties:
                if t.a is b or t.b is b:
                    if t.open:
                        is_open = True
                    else:
                        earlier = True
            if is_open:
                continue
            proximity = cosine(self.knowledge, b.knowledge)
            if self.parent is b or b.parent is self or (self.parent is not None and self.parent is b.parent):
                proximity += 0.3
            if earlier:
                proximity += 0.3
            proximity = min(1.0, proximity)
            if proximity > best_proximity:
                best, best_proximity = b, proximity
        if best is None or rng.random() >= best_proximity:
            return
        if best.kind in FIRMS:
            kind = ("customer" if rng.random() < 0.5 else "supplier") if rng.random() < 0.4 else "collaboration"
        else:
            kind = "liaison"
        m.add_tie(self, best, kind)


class Person(Agent):
    def __init__(self, unique_id, model, field, knowledge, role):
        super().__init__(unique_id, model)
        self.employer = None
        self.field, self.knowledge, self.role = field, knowledge, role

    def step(self):
        m = self.model
        parent = self.employer
        if m.phase != "found" or parent is None or not parent.local or self.role == "founder":
            return
        rng = m.random
        if rng.random() >= SPINOFF_RATE[parent.kind]:
            return
        sector = parent.sector if rng.random() < 0.8 else self.field
        knowledge = [0.6 * k for k in parent.knowledge]
        if knowledge[self.field] < self.knowledge:
            knowledge[self.field] = self.knowledge
        child = m.new_organisation(SME, sector, True, knowledge, m.year)
        child.target = 2
        child.parent = parent
        m.employ(self, child)
        self.role = "founder"
        m.spinoffs += 1
        m.moves += 1
        if rng.random() < 0.5:
            m.add_tie(child, parent, "collaboration" if parent.kind in FIRMS else "liaison")


def cosine(a, b):
    dot = na = nb = 0.0
    for k in range(F):
        dot += a[k] * b[k]
        na += a[k] * a[k]
        nb += b[k] * b[k]
    return dot / math.sqrt(na * nb) if na > 0 and nb > 0 else 0.0


class RandomActivation:
    """Mesa's RandomActivation: each step activates every agent once, in a new random order."""

    def __init__(self, model):
        self.model = model
        self._agents = {}

    def add(self, agent):
        self._agents[agent.unique_id] = agent

    def remove(self, agent):
        del self._agents[agent.unique_id]

    def step(self):
        agents = list(self._agents.values())
        self.model.random.shuffle(agents)
        for agent in agents:
            agent.step()


class ClusterModel:
    def __init__(self, seed, start):
        self.random = random.Random(seed)
        self.schedule = RandomActivation(self)
        self.next_id = 0
        self.year = start
        self.phase = "found"
        self.orgs, self.outside, self.local_pool, self.open_ties = [], [], [], []
        self.people = 0
        self.spinoffs = self.ties = self.moves = 0
        rng = self.random
        for kind, count, size in INITIAL:
            for _ in range(count):
                sector = int(rng.random() * F)
                knowledge = [
                    0.4 + 0.3 * rng.random() if kind == UNIVERSITY or k == sector else 0.1 * rng.random()
                    for k in range(F)
                ]
                org = self.new_organisation(kind, sector, True, knowledge, start - 1)
                org.target = size
                role = "researcher" if kind in (UNIVERSITY, INSTITUTE) else "engineer"
                for _ in range(size):
                    field = sector if rng.random() < 0.7 else int(rng.random() * F)
                    self.employ(self.new_person(field, knowledge[field] * (0.6 + 0.4 * rng.random()), role), org)
        for _ in range(200):
            r = rng.random()
            kind = SME
            for k, share in OUTSIDE:
                if r < share:
                    kind = k
                    break
                r -= share
            knowledge = [0.2 + 0.7 * rng.random() for _ in range(F)]
            self.outside.append(self.new_organisation(kind, int(rng.random() * F), False, knowledge, start - 1))

    def new_organisation(self, kind, sector, local, knowledge, founded):
        org = Organisation(self.next_id, self, kind, sector, local, knowledge, founded)
        self.next_id += 1
        self.schedule.add(org)
        if local:
            self.orgs.append(org)
        return org

    def new_person(self, field, knowledge, role):
        person = Person(self.next_id, self, field, knowledge, role)
        self.next_id += 1
        self.schedule.add(person)
        self.people += 1
        return person

    def employ(self, person, org):
        if person.employer is not None:
            person.employer.size -= 1
        person.employer = org
        org.size += 1

    def add_tie(self, a, b, kind):
        tie = Tie(a, b, kind)
        self.open_ties.append(tie)
        a.ties.append(tie)
        b.ties.append(tie)
        self.ties += 1

    def hiring(self):
        rng = self.random
        seekers = []
        for agent in list(self.schedule._agents.values()):
            if isinstance(agent, Person):
                if agent.employer is None:
                    seekers.append(agent)
                elif agent.employer.local and rng.random() < 0.06:
                    seekers.append(agent)
        for u in self.orgs:
            if u.kind != UNIVERSITY:
                continue
            for _ in range(math.floor(u.size * 0.05 + 0.5)):
                field = u.sector if rng.random() < 0.7 else int(rng.random() * F)
                seekers.append(self.new_person(field, 0.5 * u.knowledge[field] + 0.2 * rng.random(), "engineer"))
        rng.shuffle(seekers)
        employers = list(self.orgs)
        rng.shuffle(employers)
        hired = set()
        nxt = 0
        for org in employers:
            role = "researcher" if org.kind in (UNIVERSITY, INSTITUTE) else "engineer"
            while org.size < org.target:
                while nxt < len(seekers) and (seekers[nxt].employer is org or seekers[nxt].unique_id in hired):
                    nxt += 1
                if nxt < len(seekers):
                    person = seekers[nxt]
                    nxt += 1
                elif rng.random() < 0.5:
                    field = org.sector if rng.random() < 0.6 else int(rng.random() * F)
                    person = self.new_person(field, 0.2 + 0.5 * rng.random(), role)
                else:
                    break
                self.employ(person, org)
                person.role = role
                hired.add(person.unique_id)
                self.moves += 1
        for person in seekers:
            if person.employer is None:
                self.schedule.remove(person)
                self.people -= 1

    def step(self):
        self.phase = "found"
        self.schedule.step()
        self.hiring()
        rng = self.random
        for tie in self.open_ties:
            if rng.random() < 0.1:
                tie.open = False
        self.open_ties = [t for t in self.open_ties if t.open]
        self.local_pool = list(self.orgs)
        self.phase = "partner"
        self.schedule.step()


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 1971
    end = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    t0 = time.process_time()
    model = ClusterModel(seed, start)
    steps = 0
    for year in range(start, end + 1):
        model.year = year
        steps += model.people
        model.step()
    seconds = time.process_time() - t0
    print(json.dumps({
        "person_steps": steps,
        "spinoffs": model.spinoffs,
        "ties": model.ties,
        "moves": model.moves,
        "people_at_end": model.people,
        "seconds": seconds,
        "python": sys.version.split()[0],
    }))


if __name__ == "__main__":
    main()
