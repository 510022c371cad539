// What Keras itself provides: the names a config may use without code from elsewhere.
// Class and function names are the last component of every `keras_export` name in the object
// families deserialization resolves (layers, models, optimizers and schedules, losses, metrics,
// initializers, regularizers, constraints, activations, dtype policies, quantizers) of
// github:keras-team/keras keras/src, plus names tf.keras 2 exported that Keras 3 dropped and the
// string aliases the getters accept. Data, not code.
// Regenerate by listing `keras_export` names of those modules (the families named above).

const words = (text: string): ReadonlySet<string> => new Set(text.split(' '))

export const KERAS_BUILTIN_NAMES = words(
  // legacy json_utils structural objects (h5 and keras_metadata.pb configs)
  'TensorShape TypeSpec CompositeTensor ' +
  'AUC AWQConfig AWQDTypePolicy AbsMaxQuantizer Accuracy Activation ActivityRegularization Adadelta Adafactor ' +
  'Adagrad Adam AdamW Adamax AdaptiveAveragePooling1D AdaptiveAveragePooling2D AdaptiveAveragePooling3D ' +
  'AdaptiveMaxPooling1D AdaptiveMaxPooling2D AdaptiveMaxPooling3D Add AdditiveAttention AlphaDropout Attention ' +
  'AugMix AutoContrast Average AveragePooling1D AveragePooling2D AveragePooling3D AvgPool1D AvgPool2D AvgPool3D ' +
  'BatchNormalization Bidirectional BinaryAccuracy BinaryCrossentropy BinaryFocalCrossentropy BinaryIoU CTC ' +
  'CategoricalAccuracy CategoricalCrossentropy CategoricalFocalCrossentropy CategoricalGeneralizedCrossEntropy ' +
  'CategoricalHinge CategoryEncoding CenterCrop Circle Concatenate ConcordanceCorrelation Constant Constraint ' +
  'ContrastLimitedAdaptiveHistogramEqualization Conv1D Conv1DTranspose Conv2D Conv2DTranspose Conv3D ' +
  'Conv3DTranspose ConvLSTM1D ConvLSTM2D ConvLSTM3D Convolution1D Convolution1DTranspose Convolution2D ' +
  'Convolution2DTranspose Convolution3D Convolution3DTranspose CosineDecay CosineDecayRestarts CosineSimilarity ' +
  'Cropping1D Cropping2D Cropping3D CuDNNGRU CuDNNLSTM CutMix DTypePolicy DTypePolicyMap Dense DenseFeatures ' +
  'DepthwiseConv1D DepthwiseConv2D Dice Discretization Dot Dropout ELU EinsumDense Embedding Equalization ' +
  'ExponentialDecay F1Score FBetaScore FalseNegatives FalsePositives Flatten FlaxLayer Float8QuantizationConfig ' +
  'FloatDTypePolicy Ftrl Function Functional GPTQConfig GPTQDTypePolicy GRU GRUCell GaussianDropout GaussianNoise ' +
  'GlobalAveragePooling1D GlobalAveragePooling2D GlobalAveragePooling3D GlobalAvgPool1D GlobalAvgPool2D ' +
  'GlobalAvgPool3D GlobalMaxPool1D GlobalMaxPool2D GlobalMaxPool3D GlobalMaxPooling1D GlobalMaxPooling2D ' +
  'GlobalMaxPooling3D GlorotNormal GlorotUniform GroupNormalization GroupQueryAttention HashedCrossing Hashing ' +
  'HeNormal HeUniform Hinge Huber Identity IdentityInitializer Initializer Input InputLayer InputSpec ' +
  'Int4DTypePolicy Int4QuantizationConfig Int8QuantizationConfig IntegerLookup InverseTimeDecay IoU JaxLayer KLD ' +
  'KLDivergence KerasTensor L1 L1L2 L2 LSTM LSTMCell Lamb Lambda Layer LayerNormalization LeakyReLU ' +
  'LearningRateSchedule LecunNormal LecunUniform LinearModel Lion LocallyConnected1D LocallyConnected2D LogCosh ' +
  'LogCoshError Loss LossFunctionWrapper LossScaleOptimizer MAE MAPE MSE MSLE Masking MaxNorm MaxNumBoundingBoxes ' +
  'MaxPool1D MaxPool2D MaxPool3D MaxPooling1D MaxPooling2D MaxPooling3D Maximum Mean MeanAbsoluteError ' +
  'MeanAbsolutePercentageError MeanIoU MeanMetricWrapper MeanSquaredError MeanSquaredLogarithmicError ' +
  'MelSpectrogram Metric MinMaxNorm Minimum MixUp Model MultiHeadAttention MultiOptimizer Multiply Muon Nadam ' +
  'NonNeg Normalization OneHotIoU OneHotMeanIoU Ones Operation Optimizer OptimizerMap Orthogonal ' +
  'OrthogonalInitializer OrthogonalRegularizer PReLU PearsonCorrelation Permute PiecewiseConstantDecay Pipeline ' +
  'Poisson Policy PolicyV1 PolynomialDecay Precision PrecisionAtRecall QuantizationConfig QuantizationReport ' +
  'QuantizedDTypePolicy QuantizedFloat8DTypePolicy Quantizer R2Score RMSNormalization RMSprop RNN ' +
  'RadialConstraint RandAugment RandomBrightness RandomColorDegeneration RandomColorJitter RandomContrast ' +
  'RandomCrop RandomElasticTransform RandomErasing RandomFlip RandomFourierFeatures RandomGaussianBlur ' +
  'RandomGrayscale RandomHeight RandomHue RandomInvert RandomNormal RandomPerspective RandomPosterization ' +
  'RandomRotation RandomSaturation RandomSharpness RandomShear RandomTranslation RandomUniform RandomWidth ' +
  'RandomZoom ReLU Recall RecallAtPrecision Reduction Regularizer RematScope RepeatVector Rescaling Reshape ' +
  'Resizing ReversibleEmbedding RootMeanSquaredError SGD SKLearnClassifier SKLearnRegressor SKLearnTransformer ' +
  'STFT STFTInitializer STFTSpectrogram ScheduleFreeAdamW SensitivityAtSpecificity SeparableConv1D ' +
  'SeparableConv2D SeparableConvolution1D SeparableConvolution2D Sequential SharpnessAwareMinimization SimpleRNN ' +
  'SimpleRNNCell SlicingOpLambda Softmax Solarization SparseCategoricalAccuracy SparseCategoricalCrossentropy ' +
  'SparseTopKCategoricalAccuracy SpatialDropout1D SpatialDropout2D SpatialDropout3D SpecificityAtSensitivity ' +
  'SpectralNormalization SquaredHinge StackedRNNCells StatelessScope StringLookup Subtract Sum SumOverBatchSize ' +
  'SymbolicScope SyncBatchNormalization TFOpLambda TFSMLayer TensorFlowOpLayer TernaryDTypePolicy TernaryDense ' +
  'TernaryQuantizationConfig TextVectorization ThresholdedReLU TimeDistributed TopKCategoricalAccuracy ' +
  'TorchModuleWrapper TrueNegatives TruePositives TruncatedNormal Tversky UnitNorm UnitNormalization UpSampling1D ' +
  'UpSampling2D UpSampling3D Variable VarianceScaling WideDeepModel Wrapper ZeroPadding1D ZeroPadding2D ' +
  'ZeroPadding3D Zeros abs_max_quantize abs_max_quantize_grouped_with_zero_point acc accuracy add average bce ' +
  'binary_accuracy binary_crossentropy binary_focal_crossentropy categorical_accuracy categorical_crossentropy ' +
  'categorical_focal_crossentropy categorical_generalized_cross_entropy categorical_hinge ce celu circle ' +
  'clone_model compute_float8_amax_history compute_float8_scale concatenate concordance_correlation constant ' +
  'cosine_similarity crossentropy ctc deserialize device dice dot dtype_policy elu exponential ' +
  'fake_quant_with_min_max_vars gelu get global_policy glorot_normal glorot_uniform glu hard_shrink hard_sigmoid ' +
  'hard_silu hard_swish hard_tanh he_normal he_uniform hinge huber identity kl_divergence kld ' +
  'kullback_leibler_divergence l1 l1_l2 l2 leaky_relu lecun_normal lecun_uniform linear load_model log_cosh ' +
  'log_sigmoid log_softmax logcosh mae mape max_norm maximum mean_absolute_error mean_absolute_percentage_error ' +
  'mean_squared_error mean_squared_logarithmic_error min_max_norm minimum mish model_from_json mse msle multiply ' +
  'name_scope non_neg ones orthogonal orthogonal_regularizer pack_int2 pack_int4 pack_ternary pearson_correlation ' +
  'poisson quantize_and_dequantize random_normal random_uniform relu relu6 remat save_model selu serialize ' +
  'set_dtype_policy set_global_policy sigmoid silu soft_shrink softmax softplus softsign ' +
  'sparse_categorical_accuracy sparse_categorical_crossentropy sparse_plus sparse_sigmoid ' +
  'sparse_top_k_categorical_accuracy sparsemax squared_hinge squareplus stft subtract swish tanh tanh_shrink ' +
  'threshold top_k_categorical_accuracy truncated_normal tversky unit_norm unpack_int2 unpack_int4 unpack_ternary ' +
  'variance_scaling version zeros'
)

/**
 * Packages whose modules serialization_lib `_retrieve_class_or_fn` imports (Keras 3.9+ safe set),
 * plus the Keras 2 homes of the same classes (tf.keras, tf_keras).
 */
export const KERAS_PACKAGES: readonly string[] = ['keras', 'keras_hub', 'keras_cv', 'keras_nlp', 'tf_keras', 'tensorflow.keras', 'tensorflow.python.keras', 'tensorflow.compat.v2.keras', 'tensorflow.compat.v1.keras']

/** `keras.*` symbols serialization_lib refuses to deserialize (NON_MODELING_APIS): earlier versions ran them. */
export const NON_MODELING_APIS: ReadonlySet<string> = words(
  'keras.backend.clear_session keras.config.enable_unsafe_deserialization keras.models.load_model keras.models.model_from_json ' +
  'keras.models.save_model keras.preprocessing.image_dataset_from_directory keras.preprocessing.image.load_img ' +
  'keras.preprocessing.image.save_img keras.preprocessing.text_dataset_from_directory keras.saving.deserialize_keras_object ' +
  'keras.saving.load_model keras.saving.load_weights keras.saving.register_keras_serializable keras.saving.save_model ' +
  'keras.saving.save_weights keras.saving.serialize_keras_object keras.utils.audio_dataset_from_directory keras.utils.clear_session ' +
  'keras.utils.deserialize_keras_object keras.utils.get_file keras.utils.image_dataset_from_directory keras.utils.load_img ' +
  'keras.utils.register_keras_serializable keras.utils.save_img keras.utils.serialize_keras_object keras.utils.text_dataset_from_directory'
)

/** Python 3.11 `sys.stdlib_module_names`: a custom object never lives there, an attack often does. */
export const PYTHON_STDLIB = words(
  '__future__ _abc _aix_support _ast _asyncio _bisect _blake2 _bootsubprocess _bz2 _codecs _codecs_cn _codecs_hk ' +
  '_codecs_iso2022 _codecs_jp _codecs_kr _codecs_tw _collections _collections_abc _compat_pickle _compression ' +
  '_contextvars _crypt _csv _ctypes _curses _curses_panel _datetime _dbm _decimal _elementtree _frozen_importlib ' +
  '_frozen_importlib_external _functools _gdbm _hashlib _heapq _imp _io _json _locale _lsprof _lzma _markupbase ' +
  '_md5 _msi _multibytecodec _multiprocessing _opcode _operator _osx_support _overlapped _pickle _posixshmem ' +
  '_posixsubprocess _py_abc _pydecimal _pyio _queue _random _scproxy _sha1 _sha256 _sha3 _sha512 _signal ' +
  '_sitebuiltins _socket _sqlite3 _sre _ssl _stat _statistics _string _strptime _struct _symtable _thread ' +
  '_threading_local _tkinter _tokenize _tracemalloc _typing _uuid _warnings _weakref _weakrefset _winapi ' +
  '_zoneinfo abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii ' +
  'bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys ' +
  'compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses ' +
  'datetime dbm decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl ' +
  'filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp ' +
  'gzip hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json ' +
  'keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib ' +
  'msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev ' +
  'pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats ' +
  'pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource ' +
  'rlcompleter runpy sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket ' +
  'socketserver spwd sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct ' +
  'subprocess sunau symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this ' +
  'threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types ' +
  'typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref ' +
  'xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo'
)

/** Python 3.11 `builtins` functions and constants (not exception classes): `eval`, `exec`, `__import__`… */
export const PYTHON_BUILTINS = words(
  '__build_class__ __debug__ __doc__ __import__ __loader__ __name__ __package__ __spec__ abs aiter all anext any ' +
  'ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr ' +
  'dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex ' +
  'id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ' +
  'ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super ' +
  'tuple type vars zip'
)
