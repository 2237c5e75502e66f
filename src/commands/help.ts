import type { Line } from '../chat/reply.js';
import { BASE_COMMANDS, byName } from './catalog.js';
import type { Command } from './command.js';
import { refuse, reply, withList } from './replies.js';
import { closest } from './suggest.js';

// Annotated rather than `satisfies`: help lists itself, so its type cannot be inferred from its own body.
const help: Command = {
  name: 'help',
  summary: 'the commands, or the rule language with help rules',
  usage: '/papers help [rules | <command>]',
  manage: false,
  async run(_ctx, args, deps) {
    const all = [...BASE_COMMANDS, help];
    const topic = (args.words[0] ?? '').toLowerCase();
    if (topic === 'rules')
      return reply(
        deps.rulesHelp
          .trim()
          .split('\n')
          .map((l): Line => [l]),
      );
    if (topic) {
      const cmd = byName(all, topic);
      if (cmd) return reply([[{ code: cmd.usage }, ` — ${cmd.summary}.`], ...(cmd.manage ? [['Only people who manage this channel can use it.']] : [])]);
      const guess = closest(topic, ['rules', ...all.map((c) => c.name)]);
      if (guess) return refuse([['There is no help on ', { code: topic }, '; did you mean ', { code: `/papers help ${guess}` }, '?']]);
      return refuse([['There is no help on ', { code: topic }, '. Try ', { code: '/papers help' }, '.']]);
    }
    const items: Line[] = all.map((c) => [{ code: c.usage }, ` — ${c.summary}${c.manage ? ' (managers)' : ''}`]);
    return withList([['Paperboy posts each day’s new research papers that match this channel’s rules.']], items, [
      ['The rule language: ', { code: '/papers help rules' }, '. Thread commands answer about the paper of the thread they are typed in.'],
    ]);
  },
};

export default help;
