// The Studio's project file reader on arbitrary bytes. A project it accepts must also survive a round trip:
// written back and read again, it is the same project (what the Studio relies on when it saves and reopens).
#include "error.h"
#include "fuzz_support.h"
#include "project_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QString file = QStringLiteral("/projects/inspection/line.lwinnn-project");
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    lwinnn::ui::Project project;
    try {
        project = lwinnn::ui::projectFromJson(json, file);
    } catch (const lwinnn::Error&) {
        return 0;
    }
    try {
        if (!(lwinnn::ui::projectFromJson(lwinnn::ui::projectToJson(project, file), file) == project))
            lwinnn::fuzz::broken("a project read back differs from the one written");
    } catch (const lwinnn::Error& e) {
        std::fprintf(stderr, "%s\n", e.what());
        lwinnn::fuzz::broken("a project written is refused when read back");
    }
    return 0;
}
