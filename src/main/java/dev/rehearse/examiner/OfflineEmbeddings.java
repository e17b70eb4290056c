package dev.rehearse.examiner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

/**
 * The two local sentence-embedding models, quantized bge-small-zh-v1.5 and bge-small-en-v1.5, run
 * in-process on ONNX Runtime from the model files inside their jars. Each model is loaded once per
 * JVM on first use; ONNX Runtime sessions are safe to share between threads. Embeddings of the
 * bank's side (questions, key points) are kept in a small LRU cache, answers are not.
 */
final class OfflineEmbeddings {

	/** Which model embeds a grading's texts; cosines are only compared within one model. */
	enum Model {

		ZH("bge-small-zh-v1.5"), EN("bge-small-en-v1.5");

		private final String displayName;

		Model(String displayName) {
			this.displayName = displayName;
		}

		String displayName() {
			return this.displayName;
		}

	}

	private final Supplier<EmbeddingModel> zh = memoize(
			// Runnable::run keeps the work on the caller's thread: the examiner's own bounded scheduler
			() -> new BgeSmallZhV15QuantizedEmbeddingModel(Runnable::run));

	private final Supplier<EmbeddingModel> en = memoize(() -> new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run));

	private final Map<String, float[]> cache;

	OfflineEmbeddings(int cacheSize) {
		this.cache = new LinkedHashMap<>(64, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
				return size() > cacheSize;
			}
		};
	}

	/** The text's unit-length embedding. */
	float[] embed(Model model, String text) {
		return modelFor(model).embed(text).content().vector();
	}

	/** Like {@link #embed} for texts that recur (questions, key points), served from the cache. */
	float[] embedCached(Model model, String text) {
		String key = model.name() + '\u0000' + text;
		synchronized (this.cache) {
			float[] cached = this.cache.get(key);
			if (cached != null) {
				return cached;
			}
		}
		float[] vector = embed(model, text);
		synchronized (this.cache) {
			this.cache.put(key, vector);
		}
		return vector;
	}

	/** Loads both models now (they load on first use otherwise). */
	void load() {
		embed(Model.ZH, "预热");
		embed(Model.EN, "warm up");
	}

	static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot;
	}

	private EmbeddingModel modelFor(Model model) {
		return (model == Model.ZH) ? this.zh.get() : this.en.get();
	}

	private static <T> Supplier<T> memoize(Supplier<T> supplier) {
		return new Supplier<>() {

			private volatile T value;

			@Override
			public T get() {
				T result = this.value;
				if (result == null) {
					synchronized (this) {
						result = this.value;
						if (result == null) {
							result = supplier.get();
							this.value = result;
						}
					}
				}
				return result;
			}
		};
	}

}
