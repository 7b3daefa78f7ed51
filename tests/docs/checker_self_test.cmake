# ctest docs.CheckerRefusesBadMarkers: runs the block reader on fixtures/bad_markers.md in a child
# cmake and checks that it fails, naming each bad line, and still finds the blocks it should.
#   cmake -DOUT=<scratch dir> -P checker_self_test.cmake
set(here ${CMAKE_CURRENT_LIST_DIR})
if(READ)
  include(${here}/doc_blocks.cmake)
  azcore_doc_blocks(${here}/fixtures/bad_markers.md bad_markers.md ${OUT} page)
  message("programs: ${page_PROGRAMS}")
  message("scripts: ${page_SCRIPTS}")
  return()
endif()
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${CMAKE_COMMAND} -DREAD=1 -DOUT=${OUT} -P ${CMAKE_CURRENT_LIST_FILE}
                RESULT_VARIABLE result ERROR_VARIABLE output OUTPUT_VARIABLE output)
string(REGEX REPLACE "[ \n]+" " " output "${output}")
if(result EQUAL 0)
  message(FATAL_ERROR "the reader accepted bad markers:\n${output}")
endif()
foreach(expected
    "bad_markers.md:3: write `<!-- not checked: REASON -->`, with the reason the block cannot run here"
    "bad_markers.md:13: `<!-- not checked -->` must be the line directly before a ```cpp or ```sh block"
    "bad_markers.md:16: a ```bash block is not checked: tag it ```cpp or ```sh"
    "bad_markers.md:24: the ```sh block is never closed"
    "programs: bad_markers_md_L20|"
    "scripts: bad_markers_md_L4|")
  string(FIND "${output}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "missing from the reader's output: ${expected}\noutput: ${output}")
  endif()
endforeach()
string(FIND "${output}" "bad_markers_md_L9" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "the block marked not checked (line 9) was extracted:\n${output}")
endif()
message("the reader refused every bad line and skipped the marked block")
