#pragma once
// Entry point of the desktop application: parses the command line (--demo, --open FILE, --run ID,
// --screenshot OUT.png), sets organisation/app names and translations, shows the MainWindow.
// Lives on the GUI thread.
namespace ds::ui {
int runApplication(int argc, char** argv);
}
