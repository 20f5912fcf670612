/* The LWinNN runtime: a stable C interface for scoring images with a model file trained by `lwinnn train` or
 * the Studio. It gives the same image scores and anomaly maps as `lwinnn score`, from the same core.
 *
 * Use:
 *     lwinnn_model* model = NULL;
 *     if (lwinnn_open("part.lwinnn", "cpu", &model) != LWINNN_OK) {
 *         fprintf(stderr, "%s\n", lwinnn_last_error());
 *         return 1;
 *     }
 *     float score = 0;
 *     lwinnn_score(model, rgb, width, height, 3 * width, &score, NULL, 0);
 *     lwinnn_close(model);
 *
 * Errors: every function that can fail returns an lwinnn_status; the text of the failure (naming the file and
 * the reason) is then available from lwinnn_last_error() on the same thread. No C++ exception ever leaves the
 * library.
 *
 * Threads: the library may be called from any thread. A model may be shared between threads; the calls on one
 * model are serialised by a lock inside it (one image already keeps every core busy). For scores in parallel,
 * open one model per thread. lwinnn_close must not run while another call on the same model is in progress.
 * How many cores one computation uses is the program's choice: the library never changes LibTorch's
 * process-wide thread count by itself. The program's own at::set_num_threads, OMP_NUM_THREADS or LibTorch's
 * default apply, or lwinnn_set_threads.
 *
 * Compatibility: the functions, the status values and lwinnn_info keep their meaning for every release with
 * the same major version, which is the library's SOVERSION (liblwinnn-runtime.so.<major>).
 */
#ifndef LWINNN_LWINNN_H
#define LWINNN_LWINNN_H

#include <stdint.h>

#if defined(LWINNN_RUNTIME_BUILD)
#define LWINNN_API __attribute__((visibility("default")))
#else
#define LWINNN_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lwinnn_status {
    LWINNN_OK = 0,
    LWINNN_ERROR_INVALID_ARGUMENT = 1, /* a NULL pointer, a bad size or stride, a window out of range, an
                                          unknown or absent device */
    LWINNN_ERROR_FILE = 2,             /* a file is missing, unreadable or not a decodable image */
    LWINNN_ERROR_FORMAT = 3,           /* a model file is truncated, foreign, newer than this library or
                                          inconsistent */
    LWINNN_ERROR_BUFFER_TOO_SMALL = 4, /* map_capacity is smaller than the map (width × height floats) */
    LWINNN_ERROR_OUT_OF_MEMORY = 5,
    LWINNN_ERROR_FAILED = 6,  /* any other failure of the detector */
    LWINNN_ERROR_INTERNAL = 7 /* an unexpected failure inside LibTorch or OpenCV */
} lwinnn_status;

/* An open model: the backbone and the memory bank, on a device. */
typedef struct lwinnn_model lwinnn_model;

/* What a model holds. The anomaly map of an image is returned at the image's own size, so the caller sizes
 * its map buffer from the image; input_* is the size the network sees. */
typedef struct lwinnn_info {
    int input_width; /* network input size (the images are resized to it) */
    int input_height;
    int grid_width; /* patch grid of the embedding (62 × 62 for a 256 × 256 input) */
    int grid_height;
    int channels;      /* embedding channels (448) */
    int window;        /* the current search window δ (see lwinnn_set_window) */
    int bank_images;   /* training images in the memory bank */
    int square_resize; /* 1: images are resized to a square input; 0: the aspect ratio is kept */
    char device[32];   /* where the model runs, e.g. "cpu" or "cuda:0" */
} lwinnn_info;

/* The library's version, "MAJOR.MINOR.PATCH". */
LWINNN_API const char* lwinnn_version(void);

/* A short constant name of a status, e.g. "LWINNN_ERROR_FILE". */
LWINNN_API const char* lwinnn_status_name(lwinnn_status status);

/* The message of the last call on this thread that returned something other than LWINNN_OK: it names the file
 * (when there is one) and the reason. Empty after a successful call. The text stays valid until the next call
 * into the library on this thread. */
LWINNN_API const char* lwinnn_last_error(void);

/* Sets how many threads the library's computations (and LibTorch's in this process) use: `threads` > 0, or 0
 * for OMP_NUM_THREADS when set, else every CPU the process may run on (its affinity mask, limited by a cgroup
 * CPU quota such as a container's --cpus). Every later call of the library applies it on the thread it runs
 * on. A negative count is refused. */
LWINNN_API lwinnn_status lwinnn_set_threads(int threads);

/* How many threads the library's computations use now. */
LWINNN_API int lwinnn_threads(void);

/* Images with more pixels than this are refused (LWINNN_ERROR_FILE from lwinnn_score_file, checked on the
 * file's header before it is decoded; LWINNN_ERROR_INVALID_ARGUMENT from lwinnn_score), for every model of
 * the process. The default is 100,000,000; a count below 1 is refused. */
LWINNN_API lwinnn_status lwinnn_set_max_pixels(int64_t pixels);
LWINNN_API int64_t lwinnn_max_pixels(void);

/* Opens a model file on `device`: "auto" (or NULL: CUDA when present, else the CPU), "cpu", "cuda", "cuda:N".
 * On success *out is a model to release with lwinnn_close; on failure *out is NULL. */
LWINNN_API lwinnn_status lwinnn_open(const char* model_path, const char* device, lwinnn_model** out);

/* Releases a model; NULL is ignored. */
LWINNN_API void lwinnn_close(lwinnn_model* model);

/* Fills *out with what the model holds. */
LWINNN_API lwinnn_status lwinnn_model_info(const lwinnn_model* model, lwinnn_info* out);

/* Sets the search window δ (1 … 63) for the following scores; the model file's own δ is the default. */
LWINNN_API lwinnn_status lwinnn_set_window(lwinnn_model* model, int window);

/* Scores one image of interleaved 8-bit RGB pixels (R, G, B per pixel), `height` rows of `row_stride_bytes`
 * bytes (at least 3 × width). *image_score receives the image score (the largest patch score). An image of
 * another aspect ratio than the training images is resized to the model's input, as `lwinnn score` does.
 * When map_or_null is not NULL, it receives the anomaly map at the image's size: width × height floats,
 * row-major, the same values `lwinnn score` writes as a float TIFF; map_capacity is the buffer's length in
 * floats, and a smaller buffer is refused with LWINNN_ERROR_BUFFER_TOO_SMALL before anything is computed. */
LWINNN_API lwinnn_status lwinnn_score(lwinnn_model* model, const uint8_t* rgb, int width, int height,
                                      int row_stride_bytes, float* image_score, float* map_or_null,
                                      int map_capacity);

/* Decodes an image file (PNG, JPEG, BMP, TIFF; 8 or 16 bit; grey, RGB or RGBA, as `lwinnn score` does) and
 * scores it as lwinnn_score does. map_width and map_height, when not NULL, receive the image's size, also
 * when the map buffer is too small: a caller that does not know the size passes a map with map_capacity 0,
 * gets LWINNN_ERROR_BUFFER_TOO_SMALL and the size after decoding only, and calls again with a buffer that
 * fits. */
LWINNN_API lwinnn_status lwinnn_score_file(lwinnn_model* model, const char* image_path, float* image_score,
                                           float* map_or_null, int map_capacity, int* map_width,
                                           int* map_height);

#ifdef __cplusplus
}
#endif

#endif /* LWINNN_LWINNN_H */
