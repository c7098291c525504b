/**
 * Multinomial logistic regression over a ticket's feature tokens (features.ts): one weight per
 * token and priority, a priority's score the sum of its tokens' weights scaled by 1/√n, softmax
 * over the scores. It replaced natural's naive Bayes in round 5 (BENCHMARKS.md): naive Bayes
 * counts each word as independent evidence, so a long text that repeats a theme in many words
 * ("water", "wet", "dripping", "bucket") pushes it to the extreme; the regression learns weights
 * jointly and took leave-one-writer-out accuracy on the five newest writers' sets from 90.0% to 94.6%, CRITICAL recall from 91.7% to 97.7%.
 * Trained by AdaGrad with L2 shrinkage, visiting examples in a fixed pseudo-random order:
 * the same data always gives the same model.
 */
export interface LabelledFeatures<Label extends string> {
  features: readonly string[];
  label: Label;
}

/** Chosen by leave-one-writer-out on the fresh sets (BENCHMARKS.md); none matters within a factor of 2-3. */
const L2 = 3e-4;
const EPOCHS = 20;
const LEARNING_RATE = 0.5;
/** A token seen in fewer training texts than this has no weight: one writer's one-off word teaches nothing. */
const MIN_TEXTS = 2;
const BIAS = '§bias';

export class SoftmaxModel<Label extends string> {
  private constructor(
    readonly labels: readonly Label[],
    /** Token → its index in each label's weights. */
    private readonly index: Map<string, number>,
    /** weights[label][token index] */
    private readonly weights: Float64Array[],
  ) {}

  static train<Label extends string>(labels: readonly Label[], examples: readonly LabelledFeatures<Label>[]): SoftmaxModel<Label> {
    const index = vocabulary(examples);
    const model = new SoftmaxModel(
      labels,
      index,
      labels.map(() => new Float64Array(index.size)),
    );
    model.fit(examples);
    return model;
  }

  /** The tokens the model has a weight for. */
  knows(token: string): boolean {
    return this.index.has(token);
  }

  /** Probability of each label (in `labels` order) for a text's tokens. */
  probabilities(features: readonly string[]): number[] {
    return this.softmax(this.indices(features));
  }

  /**
   * How much `token` raises `label`'s log-odds against the other labels on average: its weight for
   * `label` minus its mean weight for the others. What the reasons quote.
   */
  contribution(token: string, label: Label): number {
    const i = this.index.get(token);
    if (i === undefined) return 0;
    const k = this.labels.indexOf(label);
    const others = this.weights.filter((_, j) => j !== k);
    return this.weights[k][i] - others.reduce((sum, w) => sum + w[i], 0) / others.length;
  }

  private indices(features: readonly string[]): number[] {
    const known = features.flatMap((token) => {
      const i = this.index.get(token);
      return i === undefined ? [] : [i];
    });
    return [...known, this.index.get(BIAS)!];
  }

  private softmax(indices: readonly number[]): number[] {
    const scale = 1 / Math.sqrt(indices.length);
    const scores = this.weights.map((w) => indices.reduce((sum, i) => sum + w[i], 0) * scale);
    const max = Math.max(...scores);
    const exps = scores.map((score) => Math.exp(score - max));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);
  }

  private fit(examples: readonly LabelledFeatures<Label>[]): void {
    const data = examples.map((e) => ({ x: this.indices(e.features), y: this.labels.indexOf(e.label) }));
    const squaredGradients = this.weights.map((w) => new Float64Array(w.length).fill(1e-8));
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      for (const n of visitingOrder(data.length, epoch)) {
        const { x, y } = data[n];
        const p = this.softmax(x);
        const scale = 1 / Math.sqrt(x.length);
        p.forEach((pk, k) => {
          const error = (pk - (k === y ? 1 : 0)) * scale;
          const w = this.weights[k];
          const g2 = squaredGradients[k];
          for (const i of x) {
            const gradient = error + L2 * w[i];
            g2[i] += gradient * gradient;
            w[i] -= (LEARNING_RATE / Math.sqrt(g2[i])) * gradient;
          }
        });
      }
    }
  }
}

function vocabulary<Label extends string>(examples: readonly LabelledFeatures<Label>[]): Map<string, number> {
  const texts = new Map<string, number>();
  for (const { features } of examples) for (const token of new Set(features)) texts.set(token, (texts.get(token) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [token, count] of texts) if (count >= MIN_TEXTS) index.set(token, index.size);
  index.set(BIAS, index.size);
  return index;
}

/** A fixed shuffle per epoch (multiplicative hashing), so training is deterministic and not in file order. */
function visitingOrder(size: number, epoch: number): number[] {
  const key = (n: number) => (n * 2654435761 + epoch * 97) % 1000003;
  return Array.from({ length: size }, (_, n) => n).sort((a, b) => key(a) - key(b));
}
