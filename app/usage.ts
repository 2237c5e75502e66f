export const USAGE = `Paperboy — the day's research papers, matched to each channel's rules.

Usage:
  paperboy run [--sample]                 Start the bot (Slack/Discord when configured, else this terminal)
  paperboy digest [--date YYYY-MM-DD] [--dry-run] [--sample]
                                          Run one digest cycle for every channel and exit
  paperboy match --papers FILE --rules FILE
                                          Match papers (HF daily_papers JSON array) against rules (one per line);
                                          prints one JSON object per match: {"rule","paper","score"}
  paperboy preview <rule> [--sample]      What a rule would have matched in the last 7 days of stored papers
  paperboy discord register               Register the /papers slash command (globally, or DISCORD_GUILD_ID)
  paperboy help                           This text

Options:
  --sample     Use the bundled sample papers instead of the network (offline demo)
  --date       Backfill one UTC day: fetch it and digest the papers of that day each channel has not had
  --dry-run    Print what would be posted; post and record nothing

Configuration comes from environment variables (see README and .env.example).
`;
