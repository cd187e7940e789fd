import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { COMMANDS } from '../../src/cli/registry.ts';

describe('command registry', () => {
  it('each spec matches what its module registers (update src/cli/registry.ts when a command changes)', async () => {
    for (const spec of COMMANDS) {
      const program = new Command('milieu');
      (await spec.load()).register(program);
      expect(program.commands.map((c) => c.name())).toEqual([spec.name]);
      const cmd = program.commands[0];
      expect(cmd.description(), spec.name).toBe(spec.description);
      const usage = cmd.registeredArguments.map((a) => (a.required ? `<${a.name()}>` : `[${a.name()}]`));
      expect(usage.join(' '), spec.name).toBe(spec.usage);
    }
  });

  it('--help and --version list from the specs; a command loads its module alone', async () => {
    const { main } = await import('../../src/cli/main.ts');
    const loaded: string[] = [];
    const originals = COMMANDS.map((c) => c.load);
    for (const c of COMMANDS) {
      const load = c.load;
      c.load = () => {
        loaded.push(c.name);
        return load();
      };
    }
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out.push(String(s));
      return true;
    });
    try {
      expect(await main(['--help'])).toBe(0);
      expect(await main(['--version'])).toBe(0);
      expect(loaded).toEqual([]);
      for (const spec of COMMANDS) expect(out.join('')).toMatch(new RegExp(`\\n  ${spec.name}\\b`));
      expect(await main(['regions', 'list', '--json'])).toBe(0);
      expect(loaded).toEqual(['regions']);
    } finally {
      write.mockRestore();
      COMMANDS.forEach((c, i) => {
        c.load = originals[i];
      });
    }
  });
});
