import {
  ApplicationCommandOptionType as Opt,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

/** Subcommands that answer about a paper; inside a paper's thread the paper is implied. */
export const THREAD_SUBCOMMANDS = ['abstract', 'authors', 'links', 'similar', 'why', 'cite', 'save'] as const;

/** Options whose values are suggested while typing (interaction type 4), by subcommand. */
export const AUTOCOMPLETE: Record<string, Record<string, 'rule' | 'timezone' | 'paper'>> = {
  unsubscribe: { rule: 'rule' },
  schedule: { timezone: 'timezone' },
  ...Object.fromEntries(THREAD_SUBCOMMANDS.map((s) => [s, { paper: 'paper' as const }])),
};

const rule = (description: string, required = true, autocomplete = false): APIApplicationCommandBasicOption => ({
  type: Opt.String,
  name: 'rule',
  description,
  required,
  max_length: 300,
  ...(autocomplete ? { autocomplete: true } : {}),
});
const channel: APIApplicationCommandBasicOption = {
  type: Opt.Channel,
  name: 'channel',
  description: 'Another channel or forum to act on (default: this one)',
  required: false,
  channel_types: [ChannelType.GuildText, ChannelType.GuildForum],
};
const onOff = (description: string): APIApplicationCommandBasicOption => ({
  type: Opt.String,
  name: 'mode',
  description,
  required: false,
  choices: [
    { name: 'on', value: 'on' },
    { name: 'off', value: 'off' },
  ],
});
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const paper: APIApplicationCommandBasicOption = {
  type: Opt.String,
  name: 'paper',
  description: 'Paper id or title of a recent post here (default: this thread’s paper)',
  required: false,
  max_length: 100,
  autocomplete: true,
};

function sub(name: string, description: string, options: APIApplicationCommandBasicOption[] = []): APIApplicationCommandSubcommandOption {
  return { type: Opt.Subcommand, name, description, options };
}

const THREAD_DESCRIPTIONS: Record<(typeof THREAD_SUBCOMMANDS)[number], string> = {
  abstract: 'The full abstract of this thread’s paper',
  authors: 'All authors of this thread’s paper',
  links: 'arXiv, PDF, Hugging Face and code links of this thread’s paper',
  similar: 'Stored papers similar to this thread’s paper',
  why: 'Why this paper matched this channel’s rules',
  cite: 'A BibTeX entry for a paper',
  save: 'Add a paper to your reading list (only you see it)',
};

/** Option names in the order they follow the subcommand in `/papers <text>` (recap and emoji: command-text.ts). */
export const OPTION_ORDER: Record<string, readonly string[]> = {
  subscribe: ['rule'],
  unsubscribe: ['rule'],
  preview: ['rule'],
  schedule: ['time', 'timezone'],
  help: ['topic'],
  learn: ['mode'],
  threshold: ['value'],
  saved: ['format'],
  unsave: ['paper'],
  ...Object.fromEntries(THREAD_SUBCOMMANDS.map((s) => [s, ['paper']])),
};

/**
 * The one `/papers` command. `default_member_permissions` hides it from members
 * without the managing permission until a server admin opens it up (Server
 * Settings → Integrations); the bot checks the permission again on each
 * managing subcommand, because that override lets anyone in.
 */
export function papersCommand(managePermission: bigint = PermissionFlagsBits.ManageChannels): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: 'papers',
    description: 'Daily research paper digests for this channel',
    default_member_permissions: managePermission.toString(),
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      sub('subscribe', 'Add a rule (leave it out for a form with a live preview)', [rule('Keywords, e.g. pruning -survey', false), channel]),
      sub('unsubscribe', 'Remove a rule, by its text or its id from list', [rule('The rule’s text or id', true, true), channel]),
      sub('list', 'This channel’s rules, schedule and pause state', [channel]),
      sub('preview', 'What a rule would have matched in the last 7 days', [rule('Keywords to try')]),
      sub('digest', 'Post this channel’s new matches now'),
      sub('more', 'Post the papers beyond the last digest’s cap'),
      sub('schedule', 'Set this channel’s daily digest time', [
        { type: Opt.String, name: 'time', description: 'HH:MM, e.g. 09:30', required: true, min_length: 4, max_length: 5 },
        {
          type: Opt.String,
          name: 'timezone',
          description: 'IANA zone, e.g. Europe/Berlin (default: the server’s)',
          required: false,
          max_length: 64,
          autocomplete: true,
        },
        channel,
      ]),
      sub('pause', 'Stop digests in this channel', [channel]),
      sub('resume', 'Restart digests in this channel (also after an error)', [channel]),
      sub('learn', 'Order this channel’s papers by what it reacts to (no option: show)', [
        onOff('on: learn from reactions and replies; off: rules only'),
        channel,
      ]),
      sub('threshold', 'Leave out papers the channel’s model is sure it won’t want (no option: show)', [
        { type: Opt.String, name: 'value', description: '0 to 1, e.g. 0.2; 0 or off keeps everything the rules match', required: false, max_length: 8 },
        channel,
      ]),
      sub('recap', 'A weekly post of the week’s most discussed papers (no option: show)', [
        onOff('on or off'),
        {
          type: Opt.String,
          name: 'weekday',
          description: 'Day of the recap (default Friday)',
          required: false,
          choices: WEEKDAYS.map((d) => ({ name: d, value: d })),
        },
        { type: Opt.String, name: 'time', description: 'HH:MM in the channel’s timezone, e.g. 16:00', required: false, min_length: 4, max_length: 5 },
        channel,
      ]),
      sub('emoji', 'Which reactions mean “more like this” and “not for us” (no option: show)', [
        { type: Opt.String, name: 'positive', description: 'Positive emoji, space-separated, e.g. 👍 ⭐ 🔖', required: false, max_length: 200 },
        { type: Opt.String, name: 'negative', description: 'Negative emoji, space-separated, e.g. 👎', required: false, max_length: 200 },
        { type: Opt.Boolean, name: 'reset', description: 'Back to the defaults (👍 ⭐ 🔖 positive, 👎 negative)', required: false },
        channel,
      ]),
      sub('help', 'How to use /papers', [
        { type: Opt.String, name: 'topic', description: 'More on one topic', required: false, choices: [{ name: 'rules', value: 'rules' }] },
      ]),
      ...THREAD_SUBCOMMANDS.map((s) => sub(s, THREAD_DESCRIPTIONS[s], [paper])),
      sub('saved', 'Your reading list here, newest first', [
        {
          type: Opt.String,
          name: 'format',
          description: 'bibtex: all of it as one .bib file',
          required: false,
          choices: [{ name: 'bibtex', value: 'bibtex' }],
        },
      ]),
      sub('unsave', 'Take a paper off your reading list', [
        { type: Opt.String, name: 'paper', description: 'Paper id, e.g. 2501.01234', required: true, max_length: 100 },
      ]),
    ],
  };
}
