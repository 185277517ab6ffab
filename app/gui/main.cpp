// defectscope: the desktop application. Everything lives in the ui library so tests can link it.
#include "ui/window/application.h"

int main(int argc, char** argv) { return ds::ui::runApplication(argc, argv); }
