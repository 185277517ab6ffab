# ctest: builds the .deb with CPack from the finished build tree and checks what it holds.
# Invoked as: cmake -DBUILD_DIR=... -DOUT_DIR=... -P check_deb.cmake
file(REMOVE_RECURSE ${OUT_DIR})
file(MAKE_DIRECTORY ${OUT_DIR})
execute_process(COMMAND cpack -G DEB -B ${OUT_DIR} WORKING_DIRECTORY ${BUILD_DIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cpack failed (${rc}):\n${out}\n${err}")
endif()
file(GLOB debs ${OUT_DIR}/*.deb)
list(LENGTH debs n)
if(NOT n EQUAL 1)
    message(FATAL_ERROR "expected one .deb in ${OUT_DIR}, found ${n}")
endif()
execute_process(COMMAND dpkg-deb -c ${debs} OUTPUT_VARIABLE contents RESULT_VARIABLE rc)
foreach(expected
        "./usr/bin/defectscope-cli" "./usr/bin/defectscope"
        "./usr/share/applications/org.defectscope.DefectScope.desktop"
        "./usr/share/metainfo/org.defectscope.DefectScope.metainfo.xml"
        "./usr/share/icons/hicolor/scalable/apps/org.defectscope.DefectScope.svg"
        "./usr/share/icons/hicolor/256x256/apps/org.defectscope.DefectScope.png")
    string(FIND "${contents}" "${expected}" pos)
    if(pos EQUAL -1)
        message(FATAL_ERROR "${expected} missing from the package:\n${contents}")
    endif()
endforeach()
execute_process(COMMAND dpkg-deb -f ${debs} Depends OUTPUT_VARIABLE depends)
foreach(lib libqt6widgets6 libopencv-core406 libdlib19.1 libtiff6 libhdf5)
    string(FIND "${depends}" "${lib}" pos)
    if(pos EQUAL -1)
        message(FATAL_ERROR "runtime dependency ${lib} missing from Depends: ${depends}")
    endif()
endforeach()
message(STATUS "package ${debs} holds the binaries, desktop integration and depends on: ${depends}")
