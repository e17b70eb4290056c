package dev.rehearse.examiner;

import java.util.List;

import dev.rehearse.questionbank.KeyPoints;

/**
 * The six questions of the seed bank (AI large-model interview questions) with their reference
 * answers, condensed, in Chinese as in the seed and in English translation, each with a strong, a
 * partial and a wrong answer written for the offline examiner's tests.
 */
final class SeedAnswers {

	private SeedAnswers() {
	}

	record Case(String name, QuestionContext question, String strong, String partial, String wrong) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Case of(String name, String language, String question, String reference, String strong, String partial,
			String wrong) {
		return new Case(name, new QuestionContext(question, reference, KeyPoints.fromAnswer(reference), language),
				strong, partial, wrong);
	}

	static List<Case> all() {
		return List.of(
				of("zh-Q1 mainstream model families", "zh", "目前主流的大模型体系有哪些？", """
						- GPT（Generative Pre-trained Transformer）系列：由OpenAI发布的一系列基于Transformer架构的语言模型，包括GPT-1、GPT-2、GPT-3、ChatGPT 等，在大规模无标签文本上预训练后微调，具有很强的生成能力。
						- BERT（Bidirectional Encoder Representations from Transformers）：由 Google 发布的基于 Transformer 架构的双向预训练语言模型，具有强大的语言理解能力和表征能力。
						- XLNet：由 CMU 和 Google Brain 发布的基于 Transformer 架构的自回归预训练语言模型，可以建模全局依赖关系。
						- RoBERTa：由 Meta 发布的预训练语言模型，在 BERT 的基础上通过更大规模的数据和更长的训练时间改进。
						- T5（Text-to-Text Transfer Transformer）：由 Google 发布的多任务预训练语言模型，可以用于文本分类、机器翻译、问答等多种任务。
						""",
						"主流的有 OpenAI 的 GPT 系列，基于 Transformer 做生成式预训练，比如 GPT-3 和 ChatGPT，生成能力很强。Google 的 BERT 是双向的编码器，擅长语言理解。XLNet 是 CMU 和 Google Brain 的自回归预训练模型。RoBERTa 是 Meta 在 BERT 基础上用更多数据、更长训练改进的。还有 Google 的 T5，把分类、翻译、问答都变成文本到文本的任务。",
						"主要就是 GPT 系列吧，OpenAI 做的，生成能力很强。",
						"我觉得主流就是看公司规模，大公司用得多的就是主流，比如买云服务器和数据库。"),
				of("zh-Q2 emergent abilities", "zh", "涌现能力是啥原因？", """
						- 数据量的增加：随着互联网的发展，可用于训练模型的数据量大大增加，更多的数据提供更丰富的语言知识和语境。
						- 计算能力的提升：图形处理器（GPU）和专用的AI芯片（比如：TPU）的出现，使训练更大、更复杂的模型成为可能。
						- 模型架构的改进：比如 Transformer 通过自注意力机制，更好地捕捉长距离的依赖关系和语言结构。
						- 预训练和微调的方法：先在大规模无标签数据上进行预训练，再在特定任务上进行微调，使模型学到更丰富的语言知识。
						""",
						"主要有四个原因：一是训练数据量大大增加，模型能学到更丰富的语言知识和语境；二是计算能力提升了，有了 GPU、TPU 这样的芯片，可以训练更大更复杂的模型；三是模型架构改进了，比如 Transformer 的自注意力机制能捕捉长距离依赖；四是预训练加微调的方法，先在大规模无标签数据上预训练，再在具体任务上微调。",
						"主要是因为训练的数据量变大了，模型见过的文本更多。",
						"因为模型有了自我意识，会自己思考，就像人一样。"),
				of("zh-Q3 choosing a model", "zh", "大模型如何选型？如何基于场景选用 ChatGLM、LlaMa、Bert 类大模型？", """
						- ChatGLM 大模型：面向对话生成的大语言模型，适用于聊天机器人、智能客服等对话系统；训练语料为中英双语，适合中文和英文文本生成。
						- LlaMA 大模型：由 Transformer 解码器组成，训练语料以英语为主，不包含中日韩文，适合英文文本生成的任务。
						- Bert 大模型：由 Transformer 编码器组成，适用于文本分类、命名实体识别、语义相似度计算等 NLU 任务。
						- 数据可用性：不同模型需要不同类型和规模的数据进行训练和微调。
						- 计算资源：大模型需要更多的计算资源和存储空间，确保有足够的硬件资源支持训练和推理。
						""",
						"要看场景。ChatGLM 面向对话生成，中英双语训练，适合做聊天机器人、智能客服和中文对话。LLaMA 是 Transformer 解码器，训练语料以英语为主，适合英文文本生成。BERT 是 Transformer 编码器，适合文本分类、命名实体识别、语义相似度这类理解任务。另外还要看训练和微调的数据够不够，以及计算资源和存储能不能支撑训练和推理。",
						"做对话的话用 ChatGLM 比较好，它适合聊天机器人。",
						"哪个名气大就选哪个，界面好看、价格便宜最重要。"),
				of("zh-Q4 domain models", "zh", "各个专业领域是否需要专用的大模型来服务？", """
						- 领域特定知识：不同领域拥有各自特定的知识和术语，比如医学领域需要训练具有医学知识的大模型。
						- 语言风格和惯用语：各个领域有自己独特的语言风格和惯用语，专门训练的模型能更好地掌握。
						- 领域需求的差异：金融领域更关注数字和统计数据的处理，法律领域更关注法律条款和案例的解析。
						- 数据稀缺性：某些领域的数据相对较少，无法充分训练通用的大模型，领域模型可以更好地利用这些数据。
						""",
						"通常需要。每个领域有自己的专业知识和术语，比如医学，要在医学数据上训练模型才能准确理解。各领域的语言风格和惯用语也不一样。需求也有差异，金融更关注数字和统计数据，法律更关注条款和案例解析。还有些领域数据稀缺，通用大模型训练不充分，可以在通用模型基础上做领域微调。",
						"需要，因为医学这种领域有很多专业术语，通用模型不一定懂。",
						"这个问题我觉得看心情，周末的时候可以多休息。"),
				of("zh-Q5 LangChain agents", "zh", "LangChain Agent 是如何工作和使用？",
						"LangChain Agent 是 LangChain 框架中的一个组件，用于创建和管理对话代理。代理是根据当前对话状态确定下一步操作的组件。LangChain 提供了多种创建代理的方法，包括 OpenAI Function Calling、Plan-and-execute Agent、Baby AGI 和 Auto GPT 等。代理可以使用工具包执行特定的任务或操作。工具包是代理使用的一组工具，用于执行特定的功能，如语言处理、数据操作和外部 API 集成。",
						"Agent 是 LangChain 里用来创建和管理对话代理的组件，它根据当前的对话状态决定下一步执行什么操作。创建代理的方法有 OpenAI Function Calling、Plan-and-execute、Baby AGI、Auto GPT 等。代理会调用工具包里的工具来执行具体任务，比如语言处理、数据操作、调用外部 API。使用时先加载语言模型、定义工具，再组合成代理并调用。",
						"Agent 就是 LangChain 里的一个组件，可以调用一些工具。",
						"我不太清楚，大概是一种区块链记账技术，用来做转账。"),
				of("zh-Q6 enterprise knowledge base", "zh", "基于大模型 + 向量数据库如何更好地实现企业级知识库平台？", """
						- 数据准备：准备大量高质量的训练数据，包括 Query、Context 和对应的高质量 Response，确保数据的多样性和覆盖性。
						- 模型架构：选择合适的模型架构，比如 Transformer，以便提取 Query 和 Context 中的重要信息。
						- 微调和优化：使用预训练的模型作为起点，在特定任务上进行微调和优化，生成更准确、连贯的 Response。
						- 评估和反馈：定期使用 BLEU、ROUGE 等指标评估模型性能，并收集用户反馈改进模型。
						- 多模态信息利用：如果有图像、视频等多模态信息，可以整合到大模型中，提供更丰富的 Response。
						""",
						"先做数据准备，收集高质量的 Query、Context 和对应的 Response，保证数据多样、覆盖全面。模型架构选合适的，比如 Transformer，能提取 Query 和 Context 里的重要信息。然后用预训练模型做起点，在具体任务上微调优化。还要定期用 BLEU、ROUGE 这些指标评估，并收集用户反馈来改进。如果有图像、视频这些多模态信息，也可以整合进来。",
						"要准备好高质量的数据，然后对模型做微调。",
						"买一台更贵的服务器，再把网页做得好看一点就行了。"),
				of("en-Q1 mainstream model families", "en", "What are the mainstream families of large language models today?", """
						- GPT (Generative Pre-trained Transformer) series: OpenAI's Transformer-based language models such as GPT-3 and ChatGPT, pre-trained on large unlabelled text and then fine-tuned, with strong generation abilities.
						- BERT (Bidirectional Encoder Representations from Transformers): Google's bidirectional pre-trained Transformer encoder with strong language understanding.
						- XLNet: an autoregressive pre-trained Transformer model from CMU and Google Brain that models global dependencies.
						- RoBERTa: Meta's improvement of BERT, trained on more data for longer.
						- T5 (Text-to-Text Transfer Transformer): Google's multi-task model that casts classification, translation and question answering as text-to-text.
						""",
						"The main ones are OpenAI's GPT series, generative pre-trained Transformers like GPT-3 and ChatGPT that are very good at generation. Google's BERT is a bidirectional encoder, strong at understanding. XLNet, from CMU and Google Brain, is pre-trained autoregressively. RoBERTa is Meta's improved BERT, trained on more data for longer. And Google's T5 treats translation, classification and question answering as text-to-text tasks.",
						"Mostly the GPT series from OpenAI, which is very good at generating text.",
						"I think mainstream just means whatever big companies buy, like cloud servers and databases."),
				of("en-Q2 emergent abilities", "en", "What causes the emergent abilities of large models?", """
						- More data: the internet made far more training data available, giving richer language knowledge and context.
						- More computing power: GPUs and dedicated AI chips such as TPUs made it possible to train larger, more complex models.
						- Better architectures: the Transformer's self-attention captures long-range dependencies and language structure.
						- Pre-training and fine-tuning: pre-train on large unlabelled data, then fine-tune on specific tasks.
						""",
						"Four things. First, much more training data, so the model learns richer language knowledge and context. Second, more computing power: GPUs and TPUs let us train larger and more complex models. Third, better architectures like the Transformer, whose self-attention captures long-range dependencies. Fourth, the pre-training and fine-tuning approach: pre-train on huge unlabelled data, then fine-tune for specific tasks.",
						"Mainly because the training data got much bigger, so the model has seen more text.",
						"Because the model becomes conscious and starts thinking for itself, like a person."),
				of("en-Q3 choosing a model", "en", "How do you choose a large model? When would you use ChatGLM, LLaMA or BERT?", """
						- ChatGLM: a dialogue-oriented model trained on Chinese and English, suited to chatbots and customer-service systems.
						- LLaMA: a Transformer decoder trained mostly on English text, suited to English text generation.
						- BERT: a Transformer encoder suited to understanding tasks such as text classification, named entity recognition and semantic similarity.
						- Data availability: different models need different kinds and amounts of data for training and fine-tuning.
						- Computing resources: large models need more compute and storage for training and inference.
						""",
						"It depends on the scenario. ChatGLM is built for dialogue and trained on Chinese and English, so it suits chatbots and customer service. LLaMA is a Transformer decoder trained mostly on English, good for English text generation. BERT is a Transformer encoder, best for understanding tasks like text classification, named entity recognition and semantic similarity. You also have to check that you have enough data for fine-tuning and enough compute and storage for training and inference.",
						"For a chatbot I would pick ChatGLM, since it is made for dialogue.",
						"Pick whichever is most famous; a nice interface and a low price matter most."),
				of("en-Q4 domain models", "en", "Does every professional field need its own dedicated large model?", """
						- Domain knowledge: each field has its own knowledge and terminology; medicine needs a model trained on medical knowledge.
						- Language style and idioms: fields have their own style and idioms that a specialised model masters better.
						- Different needs: finance cares about numbers and statistics, law about clauses and case analysis.
						- Data scarcity: some fields have little data and cannot train a general model well; a domain model uses that data better.
						""",
						"Usually yes. Each field has its own knowledge and terminology, medicine for example, so the model must be trained on medical data to understand it. Fields also differ in language style and idioms. Their needs differ too: finance cares about numbers and statistics, law about clauses and cases. And some fields have scarce data, so a domain model fine-tuned from a general one makes better use of it.",
						"Yes, because fields like medicine have lots of jargon that a general model may not know.",
						"It depends on my mood; at the weekend I prefer to rest."),
				of("en-Q5 LangChain agents", "en", "How does a LangChain agent work and how is it used?",
						"A LangChain agent is a component of the LangChain framework for creating and managing conversational agents. The agent decides the next action from the current state of the conversation. LangChain offers several ways to build agents, including OpenAI Function Calling, Plan-and-execute agents, Baby AGI and Auto GPT. Agents use toolkits to carry out specific tasks. A toolkit is a set of tools for functions such as language processing, data manipulation and external API integration.",
						"An agent is the LangChain component that creates and manages a conversational agent: it looks at the current state of the conversation and decides what action to take next. You can build one with OpenAI Function Calling, Plan-and-execute, Baby AGI or Auto GPT. The agent calls tools from a toolkit to do concrete tasks such as language processing, data manipulation or calling external APIs. To use it you load a language model, define the tools, combine them into an agent and invoke it.",
						"An agent is a part of LangChain that can call some tools.",
						"I am not sure, I think it is a blockchain technology for bank transfers."),
				of("en-Q6 enterprise knowledge base", "en", "How do you build a better enterprise knowledge base on a large model plus a vector database?", """
						- Data preparation: prepare plenty of high-quality training data with queries, contexts and good responses, diverse and with broad coverage.
						- Model architecture: choose a suitable architecture such as the Transformer to extract what matters from the query and context.
						- Fine-tuning and optimisation: start from a pre-trained model and fine-tune it on the specific task for more accurate, coherent responses.
						- Evaluation and feedback: evaluate regularly with metrics such as BLEU and ROUGE and collect user feedback to improve.
						- Multimodal information: integrate images and video when available for richer responses.
						""",
						"Start with data preparation: collect high-quality queries, contexts and matching responses, diverse and with good coverage. Choose a suitable architecture such as the Transformer to pull the important information out of the query and context. Fine-tune a pre-trained model on the specific task. Evaluate regularly with metrics like BLEU and ROUGE and collect user feedback. If you have images or video, integrate that multimodal information too.",
						"Prepare good data and then fine-tune the model.",
						"Buy a more expensive server and make the web page look nicer."));
	}

}
