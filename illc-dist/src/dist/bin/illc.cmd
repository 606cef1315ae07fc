@echo off
rem The illc command of the distribution, for Windows.
rem Java: %JAVA_HOME%\bin\java.exe when JAVA_HOME is set, else java on the PATH (Java 17 or newer).
rem JAVA_OPTS and ILLC_OPTS: extra JVM options. OMP_NUM_THREADS defaults to 1.
rem Native libraries are unpacked once into %LOCALAPPDATA%\illc\javacpp.
setlocal
set "ILLC_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
if not defined OMP_NUM_THREADS set "OMP_NUM_THREADS=1"
if defined ILLC_PLUGIN_PATH (set "ILLC_PLUGIN_PATH=%ILLC_HOME%\plugins;%ILLC_PLUGIN_PATH%") else (set "ILLC_PLUGIN_PATH=%ILLC_HOME%\plugins")
set "CACHE=%LOCALAPPDATA%\illc\javacpp"
if not defined LOCALAPPDATA set "CACHE=%USERPROFILE%\.cache\illc\javacpp"
"%JAVA%" "-Dorg.bytedeco.javacpp.cachedir=%CACHE%" %JAVA_OPTS% %ILLC_OPTS% -cp "%ILLC_HOME%\lib\*" io.illc.cli.Main %*
exit /b %ERRORLEVEL%
