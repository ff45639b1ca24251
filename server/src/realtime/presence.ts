import type { PresenceData } from '@sharestack/protocol';

type Member = [id: string, name: string];

/**
 * Who is on one topic, across processes: this process's sockets counted as they come and go,
 * and the other processes' last snapshots (which expire when a process stops announcing).
 * No I/O here: the hub announces `snapshot()` on the bus and sends `total()` to sockets.
 */
export class TopicPresence {
  private readonly members = new Map<string, { name: string; sockets: number }>();
  private anonymous = 0;
  private readonly processes = new Map<string, { members: Member[]; anonymous: number; at: number }>();
  /** This process's sockets changed since the last announcement. */
  dirty = false;
  /** Whether the other processes have heard of this process's sockets here. */
  announced = false;
  /** The last total sent, to skip sending the same again. */
  sent = '';

  join(user: { id: string; name: string } | null): void {
    if (user) {
      const m = this.members.get(user.id);
      if (m) m.sockets++;
      else this.members.set(user.id, { name: user.name, sockets: 1 });
    } else this.anonymous++;
    this.dirty = true;
  }

  leave(user: { id: string } | null): void {
    if (user) {
      const m = this.members.get(user.id);
      if (m && --m.sockets === 0) this.members.delete(user.id);
    } else this.anonymous = Math.max(0, this.anonymous - 1);
    this.dirty = true;
  }

  /** This process's people, as announced to the others. */
  snapshot(): { members: Member[]; anonymous: number } {
    return {
      members: [...this.members].map(([id, m]) => [id, m.name] as Member),
      anonymous: this.anonymous,
    };
  }

  /** Another process's announcement. */
  heard(process: string, members: Member[], anonymous: number, at = Date.now()): void {
    this.processes.set(process, { members, anonymous, at });
  }

  /** Forgets processes that have not announced for `maxAgeMs` (stopped or cut off). */
  expire(maxAgeMs: number, now = Date.now()): void {
    for (const [process, snap] of this.processes)
      if (now - snap.at > maxAgeMs) this.processes.delete(process);
  }

  /** Everyone here: a user in several tabs or processes counts once; some names. */
  total(namesMax: number): PresenceData {
    const users = new Map<string, string>();
    for (const [id, m] of this.members) users.set(id, m.name);
    let anonymous = this.anonymous;
    for (const snap of this.processes.values()) {
      for (const [id, name] of snap.members) users.set(id, name);
      anonymous += snap.anonymous;
    }
    return {
      count: users.size + anonymous,
      users: [...users].slice(0, namesMax).map(([id, name]) => ({ id, name })),
    };
  }
}
