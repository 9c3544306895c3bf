# Profile-guided optimization (GCC): the program is built once instrumented, run on the bundled
# chain, and built again with the profile of that run, so that the compiler lays out branches,
# inlines and unrolls by how often the code actually runs (GCC manual, "Options That Control
# Optimization": -fprofile-generate, -fprofile-use). The profile changes what the compiler
# optimizes, never what a floating-point operation computes: the output is the same to the bit.
#
# REEPLAN_PGO=ON (the release preset): an instrumented build of `reeplan` alone under
#   <build>/pgo-train (this source tree configured with REEPLAN_PROFILE_GENERATE), a training run
#   that writes <build>/pgo-profile, then every first-party target except the tests compiled
#   with that profile. The instrumented build and the training rerun whenever the sources change.
# REEPLAN_PROFILE_GENERATE=DIR: the instrumented build itself (set by the above).

option(REEPLAN_PGO "Build with profile-guided optimization, trained on the bundled chain (GCC)" OFF)
set(REEPLAN_PROFILE_GENERATE "" CACHE PATH "Instrument the build; its runs write their profile here")

if(REEPLAN_PGO AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  message(WARNING "REEPLAN_PGO needs GCC; building without profile-guided optimization")
  set(REEPLAN_PGO OFF)
endif()

# The profile's files are named by each object's path below the build tree, so that the
# instrumented tree and the optimized one, side by side, name them alike.
if(REEPLAN_PROFILE_GENERATE)
  target_compile_options(reeplan_flags INTERFACE
    -fprofile-generate=${REEPLAN_PROFILE_GENERATE} -fprofile-prefix-path=${PROJECT_BINARY_DIR})
  target_link_options(reeplan_flags INTERFACE -fprofile-generate=${REEPLAN_PROFILE_GENERATE})
elseif(REEPLAN_PGO)
  include(ExternalProject)
  set(_train_dir ${PROJECT_BINARY_DIR}/pgo-train)
  set(_profile_dir ${PROJECT_BINARY_DIR}/pgo-profile)
  set(_trainee ${_train_dir}/reeplan)
  ExternalProject_Add(reeplan_instrumented
    SOURCE_DIR ${PROJECT_SOURCE_DIR}
    BINARY_DIR ${_train_dir}
    CMAKE_GENERATOR ${CMAKE_GENERATOR}
    CMAKE_ARGS
      -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
      -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
      -DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS}
      -DREEPLAN_TESTS=OFF
      -DREEPLAN_PGO=OFF
      -DREEPLAN_PROFILE_GENERATE=${_profile_dir}
    BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target reeplan
    BUILD_ALWAYS ON
    BUILD_BYPRODUCTS ${_trainee}
    INSTALL_COMMAND "")
  # The training: the work the program is tuned for, on one thread so that the profile (and the
  # optimized program) is the same on every build: a plan in Decimal and Monte Carlo paths.
  set(_chain ${PROJECT_SOURCE_DIR}/configs/us-ndfeb-chain.toml)
  add_custom_command(
    OUTPUT ${_profile_dir}/trained.stamp
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${_profile_dir}
    COMMAND ${_trainee} plan ${_chain} --format json -o ${_train_dir}/plan.json
    COMMAND ${_trainee} simulate ${_chain} --paths 2000 --threads 1 --seed 1 -q --format json
            -o ${_train_dir}/simulate.json
    COMMAND ${CMAKE_COMMAND} -E touch ${_profile_dir}/trained.stamp
    DEPENDS ${_trainee} reeplan_instrumented
    COMMENT "Training the instrumented reeplan on the bundled chain"
    VERBATIM)
  add_custom_target(reeplan_profile DEPENDS ${_profile_dir}/trained.stamp)
  # every target using reeplan_flags is compiled after the training (followed transitively)
  add_dependencies(reeplan_flags reeplan_profile)
  # Code the training does not run is optimized as without a profile (-fprofile-partial-training);
  # the tests are compiled without one, and the benchmark, which the instrumented program does
  # not link, finds none for its own object.
  # A source edited while a build runs can meet a profile of its earlier text: the compiler then
  # ignores the profile for what changed (the next build retrains), and says so without failing.
  set(_use -fprofile-use=${_profile_dir} -fprofile-partial-training -fprofile-prefix-path=${PROJECT_BINARY_DIR}
           -Wno-missing-profile -Wno-error=coverage-mismatch)
  target_compile_options(reeplan_flags INTERFACE "$<$<NOT:$<BOOL:$<TARGET_PROPERTY:REEPLAN_TEST>>>:${_use}>")
endif()
