# Warnings every target of ours builds with; third-party headers are SYSTEM includes so they stay quiet.
function(defectscope_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endfunction()
