/* score_folder: scores every image in a folder with an LWinNN model and prints `file,score` CSV, like
 * `lwinnn score` does, through the runtime's C interface only (the runtime decodes the files itself).
 *
 *     score_folder MODEL FOLDER [WINDOW]
 *
 * Exit status: 0 when every image was scored, 3 when some could not be read (they are listed on stderr),
 * 1 when the model cannot be opened or no image was scored, 2 for wrong arguments. */
#define _POSIX_C_SOURCE 200809L

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lwinnn/lwinnn.h>

static int has_image_extension(const char* name) {
    static const char* const extensions[] = {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff"};
    const char* dot = strrchr(name, '.');
    char lower[8];
    size_t i;
    if (!dot || strlen(dot) >= sizeof lower) return 0;
    for (i = 0; dot[i]; ++i) lower[i] = (char)tolower((unsigned char)dot[i]);
    lower[i] = '\0';
    for (i = 0; i < sizeof extensions / sizeof extensions[0]; ++i)
        if (strcmp(lower, extensions[i]) == 0) return 1;
    return 0;
}

static int compare_names(const void* a, const void* b) {
    return strcmp(*(const char* const*)a, *(const char* const*)b);
}

/* The regular image files directly inside `folder`, "folder/name", sorted by name; NULL on failure. */
static char** list_images(const char* folder, size_t* count) {
    DIR* dir = opendir(folder);
    char** paths = NULL;
    size_t capacity = 0;
    const size_t length = strlen(folder);
    const int slash = length > 0 && folder[length - 1] == '/';
    struct dirent* entry;
    *count = 0;
    if (!dir) return NULL;
    while ((entry = readdir(dir)) != NULL) {
        struct stat info;
        char* path;
        if (!has_image_extension(entry->d_name)) continue;
        path = malloc(length + strlen(entry->d_name) + 2);
        if (!path) break;
        sprintf(path, slash ? "%s%s" : "%s/%s", folder, entry->d_name);
        if (stat(path, &info) != 0 || !S_ISREG(info.st_mode)) {
            free(path);
            continue;
        }
        if (*count == capacity) {
            char** grown = realloc(paths, (capacity = capacity ? 2 * capacity : 64) * sizeof *paths);
            if (!grown) {
                free(path);
                break;
            }
            paths = grown;
        }
        paths[(*count)++] = path;
    }
    closedir(dir);
    if (*count > 0) qsort(paths, *count, sizeof *paths, compare_names);
    return paths;
}

/* A CSV field: quoted (with doubled quotes) when it holds a comma, a quote or a newline. */
static void print_field(const char* text) {
    const char* c;
    if (!strpbrk(text, ",\"\n")) {
        fputs(text, stdout);
        return;
    }
    putchar('"');
    for (c = text; *c; ++c) {
        if (*c == '"') putchar('"');
        putchar(*c);
    }
    putchar('"');
}

int main(int argc, char** argv) {
    lwinnn_model* model = NULL;
    char** files;
    size_t count = 0, i, scored = 0;
    lwinnn_status status;

    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s MODEL FOLDER [WINDOW]\n(liblwinnn-runtime %s)\n", argv[0],
                lwinnn_version());
        return 2;
    }
    /* Every CPU this process may use (or OMP_NUM_THREADS): the library leaves the choice to its program. */
    lwinnn_set_threads(0);
    status = lwinnn_open(argv[1], "auto", &model);
    if (status != LWINNN_OK) {
        fprintf(stderr, "%s (%s)\n", lwinnn_last_error(), lwinnn_status_name(status));
        return 1;
    }
    if (argc == 4) {
        char* end = NULL;
        const long window = strtol(argv[3], &end, 10);
        if (!end || *end != '\0' || window < 1 || window > 1000 ||
            lwinnn_set_window(model, (int)window) != LWINNN_OK) {
            fprintf(stderr, "%s: WINDOW must be a whole number the model accepts. %s\n", argv[0],
                    lwinnn_last_error());
            lwinnn_close(model);
            return 2;
        }
    }

    files = list_images(argv[2], &count);
    if (count == 0) {
        fprintf(stderr, "%s: no PNG, JPEG, BMP or TIFF images could be listed\n", argv[2]);
        free(files);
        lwinnn_close(model);
        return 1;
    }

    printf("file,score\n");
    for (i = 0; i < count; ++i) {
        float score = 0;
        status = lwinnn_score_file(model, files[i], &score, NULL, 0, NULL, NULL);
        if (status == LWINNN_OK) {
            print_field(files[i]);
            printf(",%.6f\n", score);
            fflush(stdout);
            ++scored;
        } else {
            fprintf(stderr, "skipped: %s (%s)\n", lwinnn_last_error(), lwinnn_status_name(status));
        }
        free(files[i]);
    }
    free(files);
    lwinnn_close(model);
    if (scored == 0) return 1;
    return scored == count ? 0 : 3;
}
