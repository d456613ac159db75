/** A small hand-made corpus for the search unit tests: few enough papers to reason about every ranking. */
import type { Paper } from '../../../lib/feed/paper';

/** A paper with defaults for everything but id and title. */
export function paper(fields: Partial<Paper> & Pick<Paper, 'id' | 'title'>): Paper {
  return {
    abstract: '',
    authors: [],
    upvotes: 0,
    comments: 0,
    publishedDate: '2025-06-01',
    listDate: '2025-06-02',
    keywords: [],
    seenAt: 0,
    ...fields,
  };
}

export const VIDEO_DIFFUSION = paper({
  id: '2506.00001',
  title: 'Video Diffusion Models for Long-Horizon Generation',
  abstract:
    'We train video diffusion models that keep temporal consistency over minutes. Our video generator denoises ' +
    'latent frames jointly, and temporal attention keeps motion coherent across long clips.',
  keywords: ['video diffusion models', 'temporal consistency', 'long video generation'],
  authors: ['Ada Lovelace', 'Alan Turing'],
  upvotes: 40,
  listDate: '2025-06-02',
});

export const IMAGE_DIFFUSION = paper({
  id: '2506.00002',
  title: 'Diffusion Transformers for Image Generation at Scale',
  abstract:
    'We scale diffusion transformers for image generation. Latent diffusion with transformer backbones improves ' +
    'image quality, and classifier-free guidance trades diversity for fidelity.',
  keywords: ['diffusion transformers', 'image generation', 'latent diffusion'],
  authors: ['Grace Hopper'],
  upvotes: 12,
  listDate: '2025-06-02',
});

export const RL_REASONING = paper({
  id: '2506.00003',
  title: 'Reinforcement Learning Improves Reasoning in Large Language Models',
  abstract:
    'Reinforcement learning with verifiable rewards teaches large language models to reason step by step. ' +
    'Mathematical reasoning benchmarks improve, and reasoning traces grow longer during training.',
  keywords: ['reinforcement learning', 'mathematical reasoning', 'LLMs', 'verifiable rewards'],
  authors: ['Barbara Liskov'],
  upvotes: 90,
  listDate: '2025-06-03',
});

export const PROCESS_REWARDS = paper({
  id: '2506.00004',
  title: 'Process Reward Models for Mathematical Reasoning',
  abstract:
    'Process reward models score each step of a solution. With step-level rewards, search over mathematical ' +
    'reasoning chains finds more correct answers than outcome rewards.',
  keywords: ['process reward models', 'mathematical reasoning', 'step-level rewards'],
  authors: ['Edsger Dijkstra'],
  upvotes: 5,
  listDate: '2025-06-03',
});

export const ROBOT_VLA = paper({
  id: '2506.00005',
  title: 'Vision-Language-Action Models for Robot Manipulation',
  abstract:
    'A vision-language-action model maps camera images and instructions to robot actions. Robot manipulation ' +
    'policies trained on teleoperation data generalize to new objects.',
  keywords: ['vision-language-action', 'robot manipulation', 'teleoperation'],
  authors: ['Rodney Brooks'],
  upvotes: 25,
  listDate: '2025-06-04',
});

export const SPEECH = paper({
  id: '2506.00006',
  title: 'Streaming Speech Recognition with Transducers',
  abstract:
    'Transducers recognize speech in a streaming fashion. Our streaming speech recognizer lowers latency on ' +
    'long-form audio while keeping word error rate.',
  keywords: ['speech recognition', 'streaming', 'transducers'],
  authors: ['Claude Shannon'],
  upvotes: 3,
  listDate: '2025-06-04',
});

/** Two versions of one paper under different ids: near-duplicates for collapsing. */
export const MOE_SCALING = paper({
  id: '2506.00007',
  title: 'Scaling Laws for Mixture-of-Experts Language Models',
  abstract:
    'We fit scaling laws for mixture-of-experts language models. Expert granularity and routing change the ' +
    'compute-optimal frontier of mixture-of-experts training.',
  keywords: ['scaling laws', 'mixture-of-experts', 'routing'],
  upvotes: 30,
  listDate: '2025-06-05',
});

export const MOE_SCALING_AGAIN = paper({
  id: '2506.00008',
  title: 'Scaling Laws for Mixture-of-Experts Language Models Revisited',
  abstract:
    'We revisit scaling laws for mixture-of-experts language models with finer expert granularity and routing ' +
    'ablations of mixture-of-experts training.',
  keywords: ['scaling laws', 'mixture-of-experts', 'routing'],
  upvotes: 10,
  listDate: '2025-06-05',
});

export const MOE_ROUTING = paper({
  id: '2506.00009',
  title: 'Expert Routing Collapse in Sparse Mixture-of-Experts',
  abstract:
    'Routing collapse sends most tokens to few experts. A balancing loss for mixture-of-experts routing keeps ' +
    'experts busy during sparse training.',
  keywords: ['mixture-of-experts', 'routing', 'load balancing'],
  upvotes: 8,
  listDate: '2025-06-06',
});

/** Twins: the same text, different upvotes and list dates, for the trending boost. */
export const TWIN_POPULAR = paper({
  id: '2506.00010',
  title: 'Tokenizer-Free Byte Models',
  abstract: 'Byte models skip the tokenizer and read raw bytes.',
  keywords: ['byte models'],
  upvotes: 200,
  listDate: '2025-06-06',
});

export const TWIN_QUIET = paper({
  id: '2506.00011',
  title: 'Tokenizer-Free Byte Models',
  abstract: 'Byte models skip the tokenizer and read raw bytes.',
  keywords: ['byte models'],
  upvotes: 1,
  listDate: '2025-06-06',
});

/** Every fixture paper, in id order. */
export const CORPUS: readonly Paper[] = [
  VIDEO_DIFFUSION,
  IMAGE_DIFFUSION,
  RL_REASONING,
  PROCESS_REWARDS,
  ROBOT_VLA,
  SPEECH,
  MOE_SCALING,
  MOE_SCALING_AGAIN,
  MOE_ROUTING,
  TWIN_POPULAR,
  TWIN_QUIET,
];
