// defectscope: the desktop application. Everything lives in the ui library so tests can link it.
#include "core/common/huge_pages.h"
#include "ui/window/application.h"

int main(int argc, char** argv) {
    ds::useHugePagesForLargeMats(); // large images: far fewer page faults (see huge_pages.h), as in the CLI
    return ds::ui::runApplication(argc, argv);
}
