window.jivo_loaded = true;
