/** The text of `/papers help rules`: plain text under Discord's 2,000-character message limit. */
export const RULES_HELP = `Rules: how a channel says which papers it wants
• Words match whole words in title, abstract and HF keywords, ignoring case, accents and simple inflections: pruning = pruned = prunes, networks = network (but diffusive ≠ diffusion).
• Several words are a phrase, in order: graph neural network. Hyphens and slashes split words: graph-neural-network is the same. Quotes make a phrase explicit: "mixture of experts".
• AND, OR, NOT (upper case) and parentheses; -word excludes:
  pruning AND transformer
  diffusion -survey
  (reinforcement learning OR RLHF) -robotics
• Fields: title:pruning  abstract:"sparse training"  author:"Yann LeCun"  category:cs.LG (category:cs = any cs.*)  upvotes>=20 (HF upvotes)
• Spellings meet: pre-trained = pretrained = pre trained (the field's common compounds), colour = color, normalise = normalize (listed words only: optimal ≠ optimization), matrices = matrix, β-VAE = beta-VAE, $k$-means = k-means, ligatures and soft hyphens as plain letters. /papers why says which spelling matched.
• Names: author:"Y. Bengio" finds Yoshua Bengio, author:"Santosh Vempala" finds Santosh S. Vempala, Müller = Mueller.
• Acronyms: GNN, LLM, ViT, RL, NeRF, MoE, RAG, LoRA, VLM and more match their spelled-out form both ways. In papers they match case-sensitively, plural allowed (LLMs), so RAG is not "rag".
• A rule needs something to look for: "-survey" alone is refused. Errors say where and what was expected.
• Order of a channel's papers: title hits first, then papers matching more of its rules, then stronger matches, then HF upvotes.
• /papers preview <rule> shows what a rule would have matched in the last 7 days; /papers why <paper id> explains a match.`;
